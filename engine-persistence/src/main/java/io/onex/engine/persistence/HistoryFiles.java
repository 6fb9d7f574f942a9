package io.onex.engine.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.json.EngineJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Histories as NDJSON: one event a line, in the same JSON as the history API, in sequence order.
 * What {@code GET .../history/export} and the history command write, and what the history command
 * and the {@link io.onex.engine.core.replay.WorkflowReplayer} read.
 */
public final class HistoryFiles {

  /** The media type of exported histories. */
  public static final String MEDIA_TYPE = "application/x-ndjson";

  private static final ObjectMapper JSON = EngineJson.mapper();

  private HistoryFiles() {}

  /** Writes {@code events} to {@code out}, one JSON document per line. */
  public static void write(List<WorkflowEvent> events, Writer out) {
    try {
      for (WorkflowEvent event : events) {
        out.write(JSON.writeValueAsString(event));
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The events of an NDJSON history; throws {@link IllegalArgumentException} naming a bad line. */
  public static List<WorkflowEvent> read(Reader in) {
    List<WorkflowEvent> events = new ArrayList<>();
    BufferedReader lines = new BufferedReader(in);
    int number = 0;
    try {
      String line;
      while ((line = lines.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          events.add(JSON.readValue(line, WorkflowEvent.class));
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "Line " + number + " is not a workflow event: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).sequence() != i + 1) {
        throw new IllegalArgumentException(
            "Expected event "
                + (i + 1)
                + " on line "
                + (i + 1)
                + ", but found event "
                + events.get(i).sequence());
      }
    }
    return events;
  }
}
