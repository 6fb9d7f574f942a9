/** The HTTP gateway's routes and error mapping. No compatibility promise. */
package io.onex.engine.gateway.internal;
