package io.onex.engine.gateway.internal;

import com.typesafe.config.Config;
import io.onex.engine.core.InternalApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;

/**
 * The gateway's HTTPS from {@code onex.http.tls}: the key and certificate chain of a keystore
 * ({@code keystore}, {@code keystore-type} PKCS12 by default, {@code keystore-password}), offered
 * with the protocols of {@code protocols}. A keystore that cannot be read fails at start naming the
 * setting, never the password.
 */
@InternalApi
public final class HttpsContexts {

  private HttpsContexts() {}

  /** The HTTPS context {@code tls} configures, or empty when it names no keystore. */
  public static Optional<HttpsConnectionContext> fromConfig(Config tls) {
    String keystore = tls.getString("keystore").trim();
    if (keystore.isEmpty()) {
      return Optional.empty();
    }
    SSLContext context = sslContext(Path.of(keystore), tls);
    List<String> protocols = tls.getStringList("protocols");
    return Optional.of(
        ConnectionContext.httpsServer(
            () -> {
              SSLEngine engine = context.createSSLEngine();
              engine.setUseClientMode(false);
              engine.setEnabledProtocols(protocols.toArray(String[]::new));
              return engine;
            }));
  }

  private static SSLContext sslContext(Path keystore, Config tls) {
    char[] password = tls.getString("keystore-password").toCharArray();
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance(tls.getString("keystore-type"));
      store.load(in, password);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "Expected onex.http.tls.keystore '"
              + keystore
              + "' to be a readable "
              + tls.getString("keystore-type")
              + " keystore opened by onex.http.tls.keystore-password, but: "
              + e.getMessage(),
          e);
    }
  }
}
