package io.mml.runtime.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.FileManager;
import io.mml.runtime.errors.MmlException;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.tasks.TaskStructs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The per-step marker files of a run, {@code <run>/steps/<step>.json}, written atomically (temp
 * file + rename), and the per-step log files {@code <run>/logs/<step>.out}. Many jobs of one run
 * write their own markers side by side; nothing is shared between two steps, so concurrent array
 * tasks never overwrite each other's struct changes.
 */
public final class StepMarkers {
  /** The folder of the markers in the run folder. */
  public static final String DIR = RunFolder.STEPS;
  /** The folder of the step logs in the run folder. */
  public static final String LOGS = RunFolder.LOGS;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StepMarkers() {}

  /**
   * A file-name form of a step id, one-to-one: {@code a[task=x,fold=2]} becomes {@code a.task-x.fold-2}.
   * Letters, digits and '_' stay; '[' and ',' become '.', '=' becomes '-', the closing ']' is dropped,
   * and any other character (task names may hold '-' and '?') becomes {@code %XX}.
   */
  public static String sanitise(String stepId) {
    StringBuilder sb = new StringBuilder(stepId.length() + 8);
    for (int i = 0; i < stepId.length(); i++) {
      char c = stepId.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
        sb.append(c);
      } else if (c == '[' || c == ',') {
        sb.append('.');
      } else if (c == '=') {
        sb.append('-');
      } else if (c == ']' && i == stepId.length() - 1) {
        // dropped: a bracket closes every id that opened one
      } else {
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          sb.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
        }
      }
    }
    return sb.toString();
  }

  /** The marker file of a step. */
  public static Path file(Path runDir, String stepId) {
    return runDir.resolve(DIR).resolve(sanitise(stepId) + ".json");
  }

  /** The lock file of a step (held by the process running it). */
  public static Path lockFile(Path runDir, String stepId) {
    return runDir.resolve(DIR).resolve(sanitise(stepId) + ".lock");
  }

  /** The log file of a step (stdout and stderr of its job). */
  public static Path logFile(Path runDir, String stepId) {
    return runDir.resolve(LOGS).resolve(sanitise(stepId) + ".out");
  }

  /** Whether the run has any marker (it was, at least partly, run through an executor that writes them). */
  public static boolean any(Path runDir) {
    Path dir = runDir.resolve(DIR);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith(".json"));
    } catch (IOException e) {
      return false;
    }
  }

  /** Writes a marker atomically. */
  public static void write(Path runDir, StepMarker m) {
    ObjectNode n = JSON.createObjectNode();
    n.put("step", m.step());
    n.put("status", m.status().name().toLowerCase(Locale.ROOT));
    putIf(n, "job_id", m.jobId());
    n.put("attempt", m.attempt());
    putIf(n, "host", m.host());
    if (m.pid() > 0) {
      n.put("pid", m.pid());
    }
    putIf(n, "submitted_at", m.submittedAt() == null ? null : m.submittedAt().toString());
    putIf(n, "started_at", m.startedAt() == null ? null : m.startedAt().toString());
    putIf(n, "ended_at", m.endedAt() == null ? null : m.endedAt().toString());
    if (m.status() == StepMarker.Status.DONE || m.status() == StepMarker.Status.FAILED) {
      n.put("seconds", Math.round(m.seconds() * 1000.0) / 1000.0);
    }
    putIf(n, "log", m.log());
    putIf(n, "error", m.error());
    ObjectNode structs = n.putObject("structs");
    m.structs().forEach((task, keys) -> {
      ObjectNode t = structs.putObject(task);
      keys.forEach(t::put);
    });
    try {
      Files.createDirectories(runDir.resolve(DIR));
      AtomicFiles.write(file(runDir, m.step()), JSON.writeValueAsBytes(n));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Could not write the marker of step " + m.step() + ": " + e.getMessage(), e);
    }
  }

  private static void putIf(ObjectNode n, String key, String value) {
    if (value != null) {
      n.put(key, value);
    }
  }

  /** The marker of a step, if it has one. */
  public static Optional<StepMarker> read(Path runDir, String stepId) {
    Path f = file(runDir, stepId);
    JsonNode n;
    try {
      n = JSON.readTree(Files.readAllBytes(f));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new MmlException("The step marker " + f + " is unreadable (" + e.getMessage().lines().findFirst().orElse("")
          + "). Markers are written atomically by mml; delete it to run the step " + stepId + " again.", e);
    }
    try {
      Map<String, Map<String, String>> structs = new LinkedHashMap<>();
      JsonNode s = n.path("structs");
      for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        Map<String, String> keys = new TreeMap<>();
        e.getValue().fields().forEachRemaining(k -> keys.put(k.getKey(), k.getValue().isNull() ? null
            : k.getValue().asText()));
        structs.put(e.getKey(), keys);
      }
      return Optional.of(new StepMarker(n.get("step").asText(),
          StepMarker.Status.valueOf(n.get("status").asText().toUpperCase(Locale.ROOT)), text(n, "job_id"),
          n.path("attempt").asInt(0), text(n, "host"), n.path("pid").asLong(0), instant(n, "submitted_at"),
          instant(n, "started_at"), instant(n, "ended_at"), n.path("seconds").asDouble(0), text(n, "log"),
          text(n, "error"), structs));
    } catch (RuntimeException e) {
      throw new MmlException("The step marker " + f + " is corrupt (" + e + "). Delete it to run the step " + stepId
          + " again.", e);
    }
  }

  private static String text(JsonNode n, String key) {
    return n.hasNonNull(key) ? n.get(key).asText() : null;
  }

  private static Instant instant(JsonNode n, String key) {
    return n.hasNonNull(key) ? Instant.parse(n.get(key).asText()) : null;
  }

  /** The markers of the given steps that exist, in the given order. */
  public static Map<String, StepMarker> readAll(Path runDir, List<String> stepIds) {
    Map<String, StepMarker> out = new LinkedHashMap<>();
    for (String id : stepIds) {
      read(runDir, id).ifPresent(m -> out.put(id, m));
    }
    return out;
  }

  /** The ids of the given steps whose marker says done. */
  public static Set<String> done(Path runDir, List<String> stepIds) {
    Set<String> out = new LinkedHashSet<>();
    readAll(runDir, stepIds).forEach((id, m) -> {
      if (m.status() == StepMarker.Status.DONE) {
        out.add(id);
      }
    });
    return out;
  }

  /** A snapshot of every struct's artifact paths (task -> key -> absolute path). */
  public static Map<String, Map<String, Path>> snapshot(TaskStructs structs) {
    Map<String, Map<String, Path>> out = new LinkedHashMap<>();
    for (TaskStruct s : structs.all()) {
      out.put(s.name(), s.paths());
    }
    return out;
  }

  /** What a step changed on the structs, relative to the results root (null values: keys it removed). */
  public static Map<String, Map<String, String>> changes(Map<String, Map<String, Path>> before, TaskStructs after,
      FileManager files) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (TaskStruct s : after.all()) {
      Map<String, Path> was = before.getOrDefault(s.name(), Map.of());
      Map<String, Path> now = s.paths();
      Map<String, String> diff = new TreeMap<>();
      now.forEach((k, p) -> {
        if (!p.equals(was.get(k))) {
          diff.put(k, files.relativize(p));
        }
      });
      was.keySet().forEach(k -> {
        if (!now.containsKey(k)) {
          diff.put(k, null);
        }
      });
      if (!diff.isEmpty()) {
        out.put(s.name(), diff);
      }
    }
    return out;
  }

  /** Applies the struct changes of finished steps, in the order given (plan order). */
  public static void apply(TaskStructs structs, FileManager files, Iterable<StepMarker> markers) {
    for (StepMarker m : markers) {
      if (m.status() != StepMarker.Status.DONE) {
        continue;
      }
      m.structs().forEach((task, keys) -> {
        if (!structs.contains(task)) {
          return;
        }
        TaskStruct s = structs.get(task);
        keys.forEach((k, rel) -> {
          if (rel == null) {
            s.removePath(k);
          } else {
            s.putPath(k, files.resolve(rel));
          }
        });
      });
    }
  }
}
