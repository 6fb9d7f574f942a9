package io.onex.engine.core.secrets;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Replaces the secret references in a configuration with the secrets' values. A reference is {@code
 * ${secret:name}} inside a quoted string ({@code password = "${secret:journal-password}"}, {@code
 * Authorization = "Bearer ${secret:payments-token}"}; HOCON leaves quoted text alone, so the
 * reference reaches this class intact). Names are letters, digits, {@code .}, {@code _} and {@code
 * -}. The providers of {@code onex.secrets.providers} are asked in order; the first that holds the
 * secret wins.
 *
 * <p>A reference no provider holds fails with a {@link ConfigException} naming the setting, the
 * secret and where each provider looked; no message ever carries a secret's value. Resolving a
 * configuration twice changes nothing the second time. Thread-safe once built.
 */
public final class Secrets {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{secret:([A-Za-z0-9][A-Za-z0-9._-]*)}");
  private static final String MARK = "${secret:";

  private final List<SecretProvider> providers;

  private Secrets(List<SecretProvider> providers) {
    this.providers = List.copyOf(providers);
  }

  /** Secrets from {@code providers}, asked in this order. */
  public static Secrets of(List<SecretProvider> providers) {
    return new Secrets(providers);
  }

  /**
   * The providers {@code onex.secrets.providers} names, each configured with {@code onex.secrets}:
   * the built-in {@code env} and {@code file}, and any found by the service loader. Throws {@link
   * ConfigException.BadValue} for a name no provider answers to.
   */
  public static Secrets fromConfig(Config config) {
    Config settings = config.getConfig("onex.secrets");
    Map<String, SecretProvider> known = new LinkedHashMap<>();
    for (SecretProvider builtIn : List.of(new EnvironmentSecrets(), new FileSecrets())) {
      known.put(builtIn.name(), builtIn);
    }
    for (SecretProvider found : ServiceLoader.load(SecretProvider.class)) {
      known.putIfAbsent(found.name(), found);
    }
    List<SecretProvider> chosen = new ArrayList<>();
    for (String name : settings.getStringList("providers")) {
      SecretProvider provider = known.get(name);
      if (provider == null) {
        throw new ConfigException.BadValue(
            settings.origin(),
            "onex.secrets.providers",
            "names secret provider '" + name + "', but the known ones are " + known.keySet());
      }
      provider.configure(settings);
      chosen.add(provider);
    }
    return new Secrets(chosen);
  }

  /**
   * {@code config} with its secret references replaced, using the providers its own {@code
   * onex.secrets} names; {@code config} itself when it refers to no secret.
   */
  public static Config resolveIn(Config config) {
    return refersToSecrets(config) ? fromConfig(config).resolve(config) : config;
  }

  /** {@code config} with every secret reference replaced by the secret's value. */
  public Config resolve(Config config) {
    Config resolved = config;
    for (Map.Entry<String, ConfigValue> entry : config.entrySet()) {
      ConfigValue value = entry.getValue();
      ConfigValue replaced = replace(entry.getKey(), value);
      if (replaced != value) {
        resolved = resolved.withValue(entry.getKey(), replaced);
      }
    }
    return resolved;
  }

  /** The value of secret {@code name}, from the first provider that holds it. */
  public Optional<String> secret(String name) {
    for (SecretProvider provider : providers) {
      Optional<String> value = provider.secret(name);
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  private static boolean refersToSecrets(Config config) {
    return config.entrySet().stream().anyMatch(entry -> mentions(entry.getValue()));
  }

  private static boolean mentions(ConfigValue value) {
    if (value.valueType() == ConfigValueType.STRING) {
      return ((String) value.unwrapped()).contains(MARK);
    }
    if (value instanceof ConfigList list) {
      return list.stream().anyMatch(Secrets::mentions);
    }
    if (value instanceof ConfigObject object) {
      return object.values().stream().anyMatch(Secrets::mentions);
    }
    return false;
  }

  /** {@code value} with its references replaced; {@code value} itself when it has none. */
  private ConfigValue replace(String path, ConfigValue value) {
    if (!mentions(value)) {
      return value;
    }
    String description = "secrets referenced at " + value.origin().description();
    if (value.valueType() == ConfigValueType.STRING) {
      return ConfigValueFactory.fromAnyRef(
          substitute(path, (String) value.unwrapped()), description);
    }
    if (value instanceof ConfigList list) {
      List<Object> elements = new ArrayList<>();
      for (ConfigValue element : list) {
        elements.add(replace(path, element));
      }
      return ConfigValueFactory.fromIterable(elements, description);
    }
    ConfigObject object = (ConfigObject) value;
    Map<String, Object> fields = new LinkedHashMap<>();
    object.forEach((key, field) -> fields.put(key, replace(path + "." + key, field)));
    return ConfigValueFactory.fromMap(fields, description);
  }

  private String substitute(String path, String text) {
    if (REFERENCE.matcher(text).replaceAll("").contains(MARK)) {
      throw new ConfigException.BadValue(
          path, "holds a malformed secret reference; expected ${secret:name}");
    }
    Matcher reference = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (reference.find()) {
      String name = reference.group(1);
      String value =
          secret(name)
              .orElseThrow(
                  () ->
                      new ConfigException.BadValue(
                          path,
                          "refers to secret '"
                              + name
                              + "', which no secret provider holds (looked in "
                              + providers.stream()
                                  .map(provider -> provider.where(name))
                                  .collect(Collectors.joining(", "))
                              + ")"));
      reference.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    reference.appendTail(out);
    return out.toString();
  }
}
