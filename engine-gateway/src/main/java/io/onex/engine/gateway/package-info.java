/**
 * The engine's HTTP/JSON gateway: {@link io.onex.engine.gateway.HttpGateway} binds the {@code /v1}
 * API, health and metrics of an engine node; {@link io.onex.engine.gateway.Authenticator} is where
 * authentication plugs in. Every error is answered as {@code application/problem+json}.
 */
package io.onex.engine.gateway;
