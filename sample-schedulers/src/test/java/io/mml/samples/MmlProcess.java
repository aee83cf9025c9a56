package io.mml.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.mml.runtime.run.RunFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the generated main of this project in a child JVM, as a user's shell would. */
final class MmlProcess {
  final Path data;
  final Path results;
  final Path logs;

  MmlProcess(Path root) throws IOException {
    this.data = Files.createDirectories(root.resolve("data"));
    this.results = root.resolve("results");
    this.logs = Files.createDirectories(root.resolve("logs"));
  }

  /** Finished child process: exit code and its output. */
  record Result(int exit, String stdout, String stderr) {
    String all() {
      return stdout + stderr;
    }
  }

  Process start(String name, String... args) throws IOException {
    return start(List.of(), name, args);
  }

  /** {@link #start(String, String...)} with extra JVM options (e.g. the scheduler's test kill points). */
  Process start(List<String> jvmOptions, String name, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:+UseSerialGC");
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.mml.samples.MmlMain");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("MML_DATA_PATH", data.toString());
    pb.environment().put("MML_RESULTS_PATH", results.toString());
    pb.environment().remove("MML_CONFIGS_PATH");
    pb.redirectOutput(logs.resolve(name + ".out").toFile());
    pb.redirectError(logs.resolve(name + ".err").toFile());
    return pb.start();
  }

  Result run(String name, String... args) throws IOException, InterruptedException {
    Process p = start(name, args);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("mml " + String.join(" ", args) + " did not finish in 5 minutes");
    }
    return result(name, p.exitValue());
  }

  Result result(String name, int exit) throws IOException {
    return new Result(exit, Files.readString(logs.resolve(name + ".out"), StandardCharsets.UTF_8),
        Files.readString(logs.resolve(name + ".err"), StandardCharsets.UTF_8));
  }

  Path project() {
    return results.resolve("default");
  }

  /** All run folders of the default project, oldest first. */
  List<Path> runDirs() throws IOException {
    Path runs = project().resolve("runs");
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(runs, 2)) {
      return s.filter(p -> runs.relativize(p).getNameCount() == 2).sorted(Comparator.naturalOrder()).toList();
    }
  }

  /** Waits (polling, generous timeout) until the child has created its run folder; returns it. */
  Path awaitRunDir(Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      List<Path> runs = runDirs();
      if (!runs.isEmpty()) {
        return runs.get(0);
      }
      if (!p.isAlive()) {
        throw new AssertionError("mml exited before creating its run folder");
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no run folder after 2 minutes");
  }

  /** Waits (polling, generous timeout) until the journal's last entry for {@code step} has {@code status}. */
  static void awaitStatus(Path run, String step, String status, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      if (Files.exists(run.resolve(RunFolder.JOURNAL)) && status.equals(lastStatus(run).get(step))) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError("mml exited before " + step + " was " + status);
      }
      Thread.sleep(10);
    }
    throw new AssertionError(step + " not " + status + " after 2 minutes");
  }

  /** The last status of every step in a run's journal (a torn last line is skipped). */
  static Map<String, String> lastStatus(Path run) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : Files.readAllLines(run.resolve(RunFolder.JOURNAL))) {
      if (line.isBlank() || !line.endsWith("}")) {
        continue;
      }
      JsonNode n = BuzzEndToEndTest.JSON.readTree(line);
      m.put(n.get("step").asText(), n.get("status").asText());
    }
    return m;
  }

  /** Every regular file under a folder, sorted. */
  static List<Path> filesUnder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
