package io.onex.engine.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.onex.engine.core.secrets.Redaction;
import io.onex.engine.persistence.internal.TagOrderedReadJournalDao;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how the journal is stored, read from {@code onex.journal} and {@code onex.data-dir}:
 * the embedded H2 file database by default, or any H2 or PostgreSQL database given by URL. Turns
 * these few keys into the configuration pekko-persistence-jdbc expects, so users never have to
 * write the plugin's own settings.
 *
 * <p>Immutable. {@link #fromConfig} rejects a URL of an unsupported database with a {@link
 * ConfigException} naming the key.
 */
public final class JournalSettings {

  /** The databases the journal can live in. */
  public enum Dialect {
    H2("slick.jdbc.H2Profile$", "org.h2.Driver", "onex/schema/h2.sql", "h2-dialect"),
    POSTGRES(
        "slick.jdbc.PostgresProfile$",
        "org.postgresql.Driver",
        "onex/schema/postgres.sql",
        "postgres-dialect");

    private final String slickProfile;
    private final String driver;
    private final String schemaScript;
    private final String projectionDialect;

    Dialect(String slickProfile, String driver, String schemaScript, String projectionDialect) {
      this.projectionDialect = projectionDialect;
      this.slickProfile = slickProfile;
      this.driver = driver;
      this.schemaScript = schemaScript;
    }

    public String driver() {
      return driver;
    }

    /** The class-path resource holding this dialect's idempotent schema script. */
    public String schemaScript() {
      return schemaScript;
    }
  }

  private static final String SHARED_DB = "default";

  private final String url;
  private final String user;
  private final String password;
  private final Dialect dialect;
  private final boolean embedded;
  private final boolean createSchema;
  private final int maxConnections;
  private final int minConnections;
  private final int threads;
  private final int batchSize;
  private final int writeParallelism;
  private final Duration connectionTimeout;
  private final Config circuitBreaker;
  private final Duration readPollInterval;
  private final Duration readGapWait;

  private JournalSettings(Config config) {
    Config journal = config.getConfig("onex.journal");
    String configuredUrl = journal.getString("url").trim();
    this.embedded = configuredUrl.isEmpty();
    if (embedded) {
      Path dataDir = Path.of(config.getString("onex.data-dir")).toAbsolutePath().normalize();
      this.url = "jdbc:h2:file:" + dataDir.resolve("journal") + journal.getString("h2-options");
    } else {
      this.url = configuredUrl;
    }
    this.dialect = dialectOf(url);
    String configuredUser = journal.getString("user");
    // H2 names its administrator "sa", the user an embedded or served database is created with.
    this.user = dialect == Dialect.H2 && configuredUser.isEmpty() ? "sa" : configuredUser;
    this.password = journal.getString("password");
    this.createSchema = journal.getBoolean("create-schema");
    this.maxConnections = positive(journal, "max-connections");
    this.minConnections = Math.min(positive(journal, "min-connections"), maxConnections);
    this.threads = positive(journal, "threads");
    this.batchSize = positive(journal, "batch-size");
    this.writeParallelism = positive(journal, "write-parallelism");
    this.connectionTimeout = journal.getDuration("connection-timeout");
    if (connectionTimeout.toMillis() < 1_500) {
      throw new ConfigException.BadValue(
          "onex.journal.connection-timeout",
          "expected at least 1500ms (the pool's validation takes up to 1s), but got "
              + connectionTimeout.toMillis()
              + "ms");
    }
    this.circuitBreaker = journal.getConfig("circuit-breaker");
    this.readPollInterval = config.getDuration("onex.index.poll-interval");
    this.readGapWait = config.getDuration("onex.index.gap-wait");
    if (readPollInterval.toMillis() < 10 || readGapWait.compareTo(readPollInterval) < 0) {
      throw new ConfigException.BadValue(
          "onex.index.poll-interval",
          "expected at least 10ms, and gap-wait at least poll-interval, but got "
              + readPollInterval.toMillis()
              + "ms and "
              + readGapWait.toMillis()
              + "ms");
    }
  }

  /** Reads the settings from a resolved configuration. */
  public static JournalSettings fromConfig(Config config) {
    return new JournalSettings(config);
  }

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Whether this is the embedded H2 database in the data directory. */
  public boolean embedded() {
    return embedded;
  }

  /**
   * A connection pool of its own on the journal database, of at most {@code size} connections, for
   * the engine's own tables; it connects lazily, so that it opens while the database is down.
   */
  public HikariDataSource openPool(String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(connectionTimeout.toMillis());
    return new HikariDataSource(config);
  }

  /** Whether the engine creates missing journal tables at start. */
  public boolean createSchema() {
    return createSchema;
  }

  /**
   * The Pekko persistence and pekko-persistence-jdbc settings these settings stand for: the JDBC
   * plugins for journal, snapshots and queries, sharing one connection pool, and the SQL dialect of
   * the engine's projections. Meant to be laid over the configuration, so that no library's
   * defaults can replace them.
   */
  public Config toPekkoConfig() {
    Map<String, Object> db =
        Map.of(
            "url", url,
            "user", user,
            "password", password,
            "driver", dialect.driver(),
            "numThreads", threads,
            "maxConnections", maxConnections,
            "minConnections", minConnections,
            "connectionTimeout", connectionTimeout.toMillis(),
            "validationTimeout", 1_000);
    Map<String, Object> breaker =
        Map.of(
            "max-failures", circuitBreaker.getInt("max-failures"),
            "call-timeout", circuitBreaker.getDuration("call-timeout").toMillis() + "ms",
            "reset-timeout", circuitBreaker.getDuration("reset-timeout").toMillis() + "ms");
    return ConfigFactory.parseMap(
            Map.ofEntries(
                Map.entry("pekko.persistence.journal.plugin", "jdbc-journal"),
                Map.entry("pekko.persistence.snapshot-store.plugin", "jdbc-snapshot-store"),
                Map.entry("pekko.persistence.state.plugin", ""),
                Map.entry("jdbc-journal.use-shared-db", SHARED_DB),
                Map.entry("jdbc-journal.batchSize", batchSize),
                Map.entry("jdbc-journal.parallelism", writeParallelism),
                Map.entry("jdbc-snapshot-store.use-shared-db", SHARED_DB),
                Map.entry("jdbc-read-journal.use-shared-db", SHARED_DB),
                Map.entry("jdbc-read-journal.dao", TagOrderedReadJournalDao.class.getName()),
                Map.entry("jdbc-read-journal.refresh-interval", readPollInterval.toMillis() + "ms"),
                Map.entry(
                    "jdbc-read-journal.journal-sequence-retrieval.query-delay",
                    readPollInterval.toMillis() + "ms"),
                Map.entry(
                    "jdbc-read-journal.journal-sequence-retrieval.max-tries",
                    (int) Math.max(1, readGapWait.toMillis() / readPollInterval.toMillis())),
                Map.entry("pekko.projection.jdbc.dialect", dialect.projectionDialect),
                Map.entry(
                    "pekko.projection.jdbc.blocking-jdbc-dispatcher.thread-pool-executor.fixed-pool-size",
                    3)))
        .withValue(
            "pekko-persistence-jdbc.shared-databases.default.profile",
            ConfigValueFactory.fromAnyRef(dialect.slickProfile))
        .withValue(
            "pekko-persistence-jdbc.shared-databases.default.db", ConfigValueFactory.fromMap(db))
        .withValue("jdbc-journal.circuit-breaker", ConfigValueFactory.fromMap(breaker))
        .withValue("jdbc-snapshot-store.circuit-breaker", ConfigValueFactory.fromMap(breaker));
  }

  @Override
  public String toString() {
    return "JournalSettings[" + dialect + " " + Redaction.url(url) + " as " + user + "]";
  }

  private static Dialect dialectOf(String url) {
    if (url.startsWith("jdbc:h2:")) {
      return Dialect.H2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return Dialect.POSTGRES;
    }
    throw new ConfigException.BadValue(
        "onex.journal.url",
        "expected a jdbc:h2: or jdbc:postgresql: URL (or empty for the embedded journal), but got '"
            + Redaction.url(url)
            + "'");
  }

  private static int positive(Config journal, String key) {
    int value = journal.getInt(key);
    if (value < 1) {
      throw new ConfigException.BadValue(
          "onex.journal." + key, "expected a positive number, but got " + value);
    }
    return value;
  }
}
