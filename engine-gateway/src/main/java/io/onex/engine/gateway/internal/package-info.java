/**
 * The gateway's routes, one class per resource, and the one table of problems they answer with. No
 * compatibility promise; not for use outside engine-gateway.
 */
package io.onex.engine.gateway.internal;
