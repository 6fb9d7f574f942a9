package io.onex.engine.core.tracing;

import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts fields into the logging diagnostic context (SLF4J MDC) of the current thread for as long as
 * it is open, and restores what was there before when closed. Use with try-with-resources around
 * work whose log lines must carry the fields; not to be shared between threads.
 */
public final class LogContext implements AutoCloseable {

  private final Map<String, String> previous;

  private LogContext(Map<String, String> fields) {
    this.previous = MDC.getCopyOfContextMap();
    fields.forEach(MDC::put);
  }

  /** Opens a context with {@code fields} (see {@link LogFields}). */
  public static LogContext with(Map<String, String> fields) {
    return new LogContext(fields);
  }

  @Override
  public void close() {
    if (previous == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(previous);
    }
  }
}
