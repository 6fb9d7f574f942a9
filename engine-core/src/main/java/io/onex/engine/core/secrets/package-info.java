/**
 * Secrets that configuration refers to as {@code "${secret:name}"}: the provider SPI ({@link
 * io.onex.engine.core.secrets.SecretProvider}) with environment and file providers built in, the
 * resolver ({@link io.onex.engine.core.secrets.Secrets}) and the masking of credentials in URLs
 * ({@link io.onex.engine.core.secrets.Redaction}).
 */
package io.onex.engine.core.secrets;
