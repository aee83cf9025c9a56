package io.mml.runtime.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The status journal of a run: one JSON line per event, appended and fsync'd before the engine
 * moves on, so that after a SIGKILL the journal names exactly the steps that finished. A torn last
 * line (the process died while writing it) is ignored when reading.
 */
public final class Journal implements AutoCloseable {
  /** The journal's file name in the run folder. */
  public static final String FILE = RunFolder.JOURNAL;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What happened to a step. */
  public enum Status {
    STARTED,
    DONE,
    FAILED
  }

  /**
   * One journal line.
   *
   * @param step the step id
   * @param status what happened
   * @param at when
   * @param seconds how long the step took (DONE and FAILED), else 0
   * @param error the failure message (FAILED), else null
   */
  public record Entry(String step, Status status, Instant at, double seconds, String error) {}

  private final JsonLines lines;

  private Journal(JsonLines lines) {
    this.lines = lines;
  }

  /** Opens the journal of a run folder for appending (creating it if needed). */
  public static Journal open(Path runDir) throws IOException {
    return new Journal(JsonLines.open(runDir.resolve(FILE)));
  }

  /** Appends one event and forces it to disk. */
  public void append(Entry e) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("step", e.step());
    n.put("status", e.status().name().toLowerCase(java.util.Locale.ROOT));
    n.put("at", e.at().toString());
    if (e.status() != Status.STARTED) {
      n.put("seconds", Math.round(e.seconds() * 1000.0) / 1000.0);
    }
    if (e.error() != null) {
      n.put("error", e.error());
    }
    lines.append(n);
  }

  /** Reads every complete entry of a run's journal (none when the journal does not exist). */
  public static List<Entry> read(Path runDir) {
    Path file = runDir.resolve(FILE);
    List<JsonNode> lines = JsonLines.read(file);
    List<Entry> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      JsonNode n = lines.get(i);
      try {
        out.add(new Entry(n.get("step").asText(),
            Status.valueOf(n.get("status").asText().toUpperCase(java.util.Locale.ROOT)),
            Instant.parse(n.get("at").asText()),
            n.path("seconds").asDouble(0),
            n.hasNonNull("error") ? n.get("error").asText() : null));
      } catch (RuntimeException ex) {
        throw JsonLines.corrupt(file, i + 1, n.toString(), ex);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The latest status of every step that has an entry, in first-seen order. */
  public static Map<String, Entry> latestByStep(List<Entry> entries) {
    Map<String, Entry> m = new LinkedHashMap<>();
    for (Entry e : entries) {
      m.put(e.step(), e);
    }
    return m;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
