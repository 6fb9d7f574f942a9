package io.onex.engine.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret references in configuration, resolved from the environment, files and the SPI. */
class SecretsTest {

  @TempDir Path secretsDir;

  private Secrets secrets(Map<String, String> environment) {
    EnvironmentSecrets env = new EnvironmentSecrets(environment);
    FileSecrets files = new FileSecrets();
    Config settings = ConfigFactory.parseMap(Map.of("file.dir", secretsDir.toString()));
    env.configure(settings);
    files.configure(settings);
    return Secrets.of(List.of(env, files));
  }

  @Test
  void referencesAreReplacedFromTheEnvironmentThenFilesWhereverTheyStand() throws Exception {
    Files.writeString(secretsDir.resolve("journal-password"), "from-a-file\n");
    Files.writeString(secretsDir.resolve("payments-token"), "file-token");
    Config config =
        ConfigFactory.parseString(
            """
            onex.journal.password = "${secret:journal-password}"
            onex.handlers.http.targets.payments.headers.Authorization = "Bearer ${secret:payments-token}"
            onex.auth.api-keys = ["${secret:ops-key}:admin:ops", "plain:reader"]
            untouched = "no reference here"
            """);

    Config resolved =
        secrets(Map.of("ONEX_SECRET_PAYMENTS_TOKEN", "env-token", "ONEX_SECRET_OPS_KEY", "k-9"))
            .resolve(config);

    assertThat(resolved.getString("onex.journal.password")).isEqualTo("from-a-file");
    assertThat(resolved.getString("onex.handlers.http.targets.payments.headers.Authorization"))
        .as("the environment is asked first")
        .isEqualTo("Bearer env-token");
    assertThat(resolved.getStringList("onex.auth.api-keys"))
        .containsExactly("k-9:admin:ops", "plain:reader");
    assertThat(resolved.getString("untouched")).isEqualTo("no reference here");
    assertThat(secrets(Map.of()).resolve(resolved)).isEqualTo(resolved);
  }

  @Test
  void aMissingOrMalformedReferenceFailsNamingTheSettingAndWhereItLookedButNoValue()
      throws Exception {
    Files.writeString(secretsDir.resolve("known"), "s3cr3t-value");
    Config missing =
        ConfigFactory.parseString(
            "a.known = \"${secret:known}\"\nonex.journal.password = \"${secret:journal-pw}\"");

    assertThatThrownBy(() -> secrets(Map.of()).resolve(missing))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("onex.journal.password")
        .hasMessageContaining("'journal-pw'")
        .hasMessageContaining("environment variable ONEX_SECRET_JOURNAL_PW")
        .hasMessageContaining("file " + secretsDir.resolve("journal-pw"))
        .hasMessageNotContaining("s3cr3t-value");
    assertThatThrownBy(
            () ->
                secrets(Map.of()).resolve(ConfigFactory.parseString("x = \"${secret:has space}\"")))
        .hasMessageContaining("malformed secret reference");
    assertThat(secrets(Map.of()).secret("../etc/passwd")).isEmpty();
  }

  @Test
  void theConfiguredProvidersAreUsedInOrderIncludingOnesFromTheServiceLoader() {
    Config config =
        ConfigFactory.parseString(
                """
                onex.secrets.providers = [vault-like, env]
                onex.secrets.vault-like.answer = "from the vault"
                token = "${secret:from-vault}"
                """)
            .withFallback(ConfigFactory.defaultReference())
            .resolve();

    assertThat(Secrets.resolveIn(config).getString("token")).isEqualTo("from the vault");
    assertThatThrownBy(
            () ->
                Secrets.resolveIn(
                    ConfigFactory.parseString(
                            "onex.secrets.providers = [nowhere]\ntoken = \"${secret:x}\"")
                        .withFallback(ConfigFactory.defaultReference())
                        .resolve()))
        .hasMessageContaining("'nowhere'")
        .hasMessageContaining("[env, file, vault-like]");
    Config plain = ConfigFactory.parseString("token = plain");
    assertThat(Secrets.resolveIn(plain)).isSameAs(plain);
  }

  @Test
  void redactionMasksTheCredentialsOfUrls() {
    assertThat(Redaction.url("jdbc:postgresql://db:5432/ledger?user=app&password=pw1&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/ledger?user=app&password=****&ssl=true");
    assertThat(Redaction.url("jdbc:h2:tcp://localhost/data;USER=sa;PASSWORD=pw2;MODE=x"))
        .isEqualTo("jdbc:h2:tcp://localhost/data;USER=sa;PASSWORD=****;MODE=x");
    assertThat(Redaction.url("https://me:pw3@svc.test/path?access_token=t&q=1"))
        .isEqualTo("https://me:****@svc.test/path?access_token=****&q=1");
    assertThat(Redaction.url("http://svc.test:8081/orders"))
        .isEqualTo("http://svc.test:8081/orders");
  }
}
