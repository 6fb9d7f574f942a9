package io.onex.engine.core.secrets;

import com.typesafe.config.Config;
import java.util.Optional;

/** A provider found by the service loader, configured from its own section of onex.secrets. */
public final class VaultLikeSecrets implements SecretProvider {

  private String value = "";

  @Override
  public String name() {
    return "vault-like";
  }

  @Override
  public void configure(Config secrets) {
    value = secrets.getString("vault-like.answer");
  }

  @Override
  public Optional<String> secret(String name) {
    return name.equals("from-vault") ? Optional.of(value) : Optional.empty();
  }
}
