package io.mml.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.run.JsonLines;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The append-only, fsync'd journal of a sweep ({@code <sweep>/trials.jsonl}): a {@code started}
 * line with the trial's overrides before its run begins, a {@code done} line with its return
 * value when it ended, {@code failed} with the error otherwise. After a SIGKILL it names exactly
 * which trials finished, and the interrupted one's overrides, so a continued sweep resumes it in
 * its own run folder.
 */
final class TrialJournal implements AutoCloseable {
  static final String FILE = "trials.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the journal knows of one trial.
   *
   * @param number the trial number
   * @param assignment its override values by key, in order
   * @param status {@code started}, {@code done} or {@code failed} (the latest line)
   * @param value the return value of a done trial (NaN without one)
   * @param run the run id of a done trial (null otherwise)
   * @param error the error of a failed trial (null otherwise)
   */
  record Entry(int number, Map<String, String> assignment, String status, double value, String run, String error) {
    boolean done() {
      return status.equals("done");
    }

    boolean failed() {
      return status.equals("failed");
    }
  }

  private final JsonLines lines;

  private TrialJournal(JsonLines lines) {
    this.lines = lines;
  }

  static TrialJournal open(Path sweepDir) throws IOException {
    return new TrialJournal(JsonLines.open(sweepDir.resolve(FILE)));
  }

  void started(int number, Map<String, String> assignment) throws IOException {
    ObjectNode n = line(number, "started");
    ObjectNode a = n.putObject("overrides");
    assignment.forEach(a::put);
    lines.append(n);
  }

  void done(int number, double value, String runId) throws IOException {
    ObjectNode n = line(number, "done");
    if (Double.isNaN(value)) {
      n.putNull("value");
    } else {
      n.put("value", value);
    }
    n.put("run", runId);
    lines.append(n);
  }

  void failed(int number, String error) throws IOException {
    ObjectNode n = line(number, "failed");
    n.put("error", error);
    lines.append(n);
  }

  private static ObjectNode line(int number, String status) {
    ObjectNode n = JSON.createObjectNode();
    n.put("trial", number);
    n.put("status", status);
    n.put("at", Instant.now().toString());
    return n;
  }

  /** The latest state of every trial with a line, by number. */
  static Map<Integer, Entry> read(Path sweepDir) {
    Map<Integer, Entry> out = new TreeMap<>();
    for (JsonNode n : JsonLines.read(sweepDir.resolve(FILE))) {
      int no = n.get("trial").asInt();
      String status = n.get("status").asText();
      Entry before = out.get(no);
      Map<String, String> assignment = new LinkedHashMap<>();
      if (n.has("overrides")) {
        n.get("overrides").fields().forEachRemaining(f -> assignment.put(f.getKey(), f.getValue().asText()));
      } else if (before != null) {
        assignment.putAll(before.assignment());
      }
      double value = n.path("value").isNumber() ? n.get("value").asDouble() : Double.NaN;
      String run = n.path("run").isTextual() ? n.get("run").asText() : null;
      String error = n.path("error").isTextual() ? n.get("error").asText() : null;
      out.put(no, new Entry(no, assignment, status, value, run, error));
    }
    return out;
  }

  /** The overrides as {@code key=value} texts. */
  static List<String> overrides(Map<String, String> assignment) {
    List<String> out = new ArrayList<>();
    assignment.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  static ArrayNode toJson(List<String> texts) {
    ArrayNode a = JSON.createArrayNode();
    texts.forEach(a::add);
    return a;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
