package io.mml.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:+UseSerialGC");
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
