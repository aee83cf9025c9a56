package io.mml.runtime.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link EngineTestScheduler} did, and where it must fail, as files in {@code <out_dir>/probe}
 * rather than static fields: every test gets its own (its results folder is fresh), and a step run
 * in another process (a cluster job) reports through the same files.
 */
final class Probe {
  private final Path dir;

  Probe(Path outDir) {
    this.dir = outDir.resolve("probe");
  }

  /** Hook and step names called, in order, since the last {@link #clearCalls()}. */
  List<String> calls() {
    return lines("calls.txt");
  }

  void clearCalls() {
    delete("calls.txt");
  }

  /** Step id to the first random number drawn in it (last invocation wins). */
  Map<String, Long> draws() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String l : lines("draws.txt")) {
      int tab = l.lastIndexOf('\t');
      out.put(l.substring(0, tab), Long.parseLong(l.substring(tab + 1)));
    }
    return out;
  }

  void clearDraws() {
    delete("draws.txt");
  }

  /** Makes the step with this id throw (after claiming its artifact) until {@link #clearFailures()}. */
  void failAt(String stepId) {
    append("fail_at.txt", stepId);
  }

  void clearFailures() {
    delete("fail_at.txt");
    delete("fail_after_preparation");
  }

  /** Makes afterPreparation throw. */
  void failAfterPreparation(boolean fail) {
    if (fail) {
      append("fail_after_preparation", "yes");
    } else {
      delete("fail_after_preparation");
    }
  }

  // --- the scheduler's side

  boolean failsAt(String stepId) {
    return lines("fail_at.txt").contains(stepId);
  }

  boolean failsAfterPreparation() {
    return Files.exists(dir.resolve("fail_after_preparation"));
  }

  void called(String name) {
    append("calls.txt", name);
  }

  void drew(String stepId, long value) {
    append("draws.txt", stepId + "\t" + value);
  }

  private List<String> lines(String file) {
    try {
      Path f = dir.resolve(file);
      return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized void append(String file, String line) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void delete(String file) {
    try {
      Files.deleteIfExists(dir.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
