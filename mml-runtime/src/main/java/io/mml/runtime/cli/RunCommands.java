package io.mml.runtime.cli;

import io.mml.runtime.cluster.ProcessSlurmClient;
import io.mml.runtime.cluster.RunStatus;
import io.mml.runtime.cluster.SlurmClient;
import io.mml.runtime.cluster.SlurmConfig;
import io.mml.runtime.run.RunFolder;
import io.mml.runtime.run.StepLock;
import io.mml.runtime.run.StepMarker;
import io.mml.runtime.run.StepMarkers;
import io.mml.runtime.config.ComposedConfig;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigComposer;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.files.RunDirs;
import io.mml.runtime.scheduler.ModeRegistry;
import io.mml.runtime.scheduler.Plan;
import io.mml.runtime.scheduler.StepJob;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The commands about existing runs: {@code mml status <run>}, {@code mml cancel <run>} and
 * {@code mml run-step <run dir> <step id>} (what a cluster job runs). {@code <run>} is a run folder,
 * or a run id ({@code YYYY-MM-DD/HH-MM-SS-mmm}) or {@code latest} of the project named by the
 * remaining {@code key=value} arguments ({@code proj}, {@code out_dir}).
 */
final class RunCommands {
  static final List<String> NAMES = List.of("status", "cancel", "run-step");

  private final ConfigComposer composer;
  private final Function<SlurmConfig, SlurmClient> clients;
  private final PrintStream out;

  RunCommands(ConfigComposer composer, Function<SlurmConfig, SlurmClient> clients, PrintStream out) {
    this.composer = composer;
    this.clients = clients;
    this.out = out;
  }

  int run(ModeRegistry registry, String[] args) throws Exception {
    String cmd = args[0];
    if (args.length < 2) {
      throw new UsageException(cmd, usage(cmd));
    }
    List<String> rest = List.of(args).subList(2, args.length);
    if (cmd.equals("run-step")) {
      if (rest.isEmpty()) {
        throw new UsageException(cmd, usage(cmd));
      }
      return StepJob.run(registry, Path.of(args[1]), rest.get(0), rest.subList(1, rest.size()));
    }
    Path runDir = resolveRun(args[1], rest);
    Config saved = savedConfig(runDir);
    Plan plan = Plan.read(runDir);
    String runId = runId(runDir);
    boolean slurm = StepMarkers.any(runDir);
    SlurmClient client = clients.apply(SlurmConfig.from(saved));
    if (cmd.equals("status")) {
      Optional<Map<String, SlurmClient.QueuedJob>> queue = Optional.empty();
      if (slurm) {
        try {
          queue = Optional.of(client.queue());
        } catch (IOException e) {
          out.println("(Slurm queue not readable: " + e.getMessage() + ")");
        }
      }
      out.print(RunStatus.of(runDir, plan, queue).render(runId));
      return 0;
    }
    // cancel
    if (!slurm) {
      out.println("Run " + runId + " has no Slurm jobs (it ran in a local process; stop that process instead).");
      return 0;
    }
    Map<String, StepMarker> markers = StepMarkers.readAll(runDir, plan.ids());
    Set<String> ids = new LinkedHashSet<>();
    for (StepMarker m : markers.values()) {
      if (!m.status().isFinal() && m.jobId() != null && !m.jobId().startsWith("pid")) {
        ids.add(m.jobId());
      }
    }
    client.cancel(new ArrayList<>(ids));
    // Wait (briefly) until the jobs have left the queue, then mark what did not finish as cancelled.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, SlurmClient.QueuedJob> q = client.queue();
      if (ids.stream().noneMatch(q::containsKey)) {
        break;
      }
      Thread.sleep(500);
    }
    int n = 0;
    for (StepMarker m : markers.values()) {
      if (m.status().isFinal()) {
        continue;
      }
      try (StepLock lock = StepLock.acquire(runDir, m.step(), Duration.ofSeconds(5))) {
        StepMarker now = StepMarkers.read(runDir, m.step()).orElse(m);
        if (!now.status().isFinal() || now.status() == StepMarker.Status.FAILED && now.error() != null
            && now.error().startsWith("terminated by a signal")) {
          StepMarkers.write(runDir, now.withStatus(StepMarker.Status.CANCELLED, "cancelled with mml cancel"));
          n++;
        }
      }
    }
    out.println("Cancelled " + ids.size() + " Slurm job(s) of run " + runId + " (" + String.join(", ", ids) + "); "
        + n + " step(s) marked cancelled. Resubmit what has not finished with continue=" + runId + ".");
    return 0;
  }

  private static String usage(String cmd) {
    return switch (cmd) {
      case "run-step" -> "Usage: mml run-step <run folder> <step id> [data_dir=<dir>] (what a cluster job runs).";
      default -> "Usage: mml " + cmd + " <run folder | YYYY-MM-DD/HH-MM-SS-mmm | latest> [proj=<project>]"
          + " [out_dir=<results>].";
    };
  }

  private Path resolveRun(String run, List<String> overrides) {
    Path asPath = Path.of(run);
    if (Files.isRegularFile(asPath.resolve(Plan.FILE))) {
      return asPath.toAbsolutePath().normalize();
    }
    ComposedConfig c = composer.compose(Cli.DEFAULT_MODE, overrides);
    Path project = Path.of(c.config().getString("out_dir")).toAbsolutePath().normalize()
        .resolve(c.config().getString("proj"));
    try {
      return RunDirs.resolve(project, run);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("run", e.getMessage(), e);
    }
  }

  private static Config savedConfig(Path runDir) throws IOException {
    Path f = new RunFolder(runDir).config();
    var tree = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
        .readTree(f.toFile());
    return Config.of(tree instanceof com.fasterxml.jackson.databind.node.ObjectNode o ? o
        : new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());
  }

  private static String runId(Path runDir) {
    return runDir.getParent().getFileName() + "/" + runDir.getFileName();
  }

  static Function<SlurmConfig, SlurmClient> realClients() {
    return ProcessSlurmClient::new;
  }
}
