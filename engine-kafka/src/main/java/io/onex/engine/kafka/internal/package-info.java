/**
 * The event bus's parts: the publishing projection, the subscriptions' consumers, dead letters and
 * the clients' settings. Not part of the API; may change in any release.
 */
package io.onex.engine.kafka.internal;
