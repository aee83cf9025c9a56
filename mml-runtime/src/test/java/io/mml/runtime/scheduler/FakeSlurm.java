package io.mml.runtime.scheduler;

import io.mml.runtime.cluster.SlurmClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Slurm stand-in: records every command line, keeps a queue, and "schedules" on demand by
 * running each job's steps in this JVM through {@link StepJob} (in submission order, honouring
 * afterok and --kill-on-invalid-dep=yes like the real controller).
 */
final class FakeSlurm implements SlurmClient {
  record Job(String id, List<String> argv, List<String> steps, List<String> dependsOn, boolean array) {}

  final List<List<String>> submitted = new ArrayList<>();
  final List<List<String>> cancelled = new ArrayList<>();
  /** Queued jobs by base id. */
  final Map<String, Job> queued = new LinkedHashMap<>();
  /** Base id -> whether every task of it exited 0. */
  final Map<String, Boolean> finished = new LinkedHashMap<>();
  /** The reason squeue gives for every pending job. */
  String pendingReason = "Dependency";
  /** When set, sbatch fails with it. */
  IOException submitError;
  private final ModeRegistry registry;
  private final Path dataDir;
  private int next = 100;

  FakeSlurm(ModeRegistry registry, Path dataDir) {
    this.registry = registry;
    this.dataDir = dataDir;
  }

  @Override
  public String submit(List<String> argv) throws IOException {
    if (submitError != null) {
      throw submitError;
    }
    submitted.add(List.copyOf(argv));
    String id = Integer.toString(next++);
    Path script = Path.of(argv.get(argv.size() - 1));
    List<String> steps = new ArrayList<>();
    String text = Files.readString(script);
    String line = text.lines().filter(l -> l.startsWith("STEPS=(")).findFirst().orElseThrow();
    Matcher m = Pattern.compile("'([^']*)'").matcher(line);
    while (m.find()) {
      steps.add(m.group(1));
    }
    List<String> deps = new ArrayList<>();
    for (String a : argv) {
      if (a.startsWith("--dependency=afterok:")) {
        deps.addAll(List.of(a.substring("--dependency=afterok:".length()).split(":")));
      }
    }
    queued.put(id, new Job(id, argv, steps, deps, argv.stream().anyMatch(a -> a.startsWith("--array="))));
    return id;
  }

  @Override
  public Map<String, QueuedJob> queue() {
    Map<String, QueuedJob> out = new LinkedHashMap<>();
    for (Job j : queued.values()) {
      if (j.array()) {
        for (int i = 0; i < j.steps().size(); i++) {
          out.put(j.id() + "_" + i, new QueuedJob(j.id() + "_" + i, "PENDING", pendingReason));
        }
      } else {
        out.put(j.id(), new QueuedJob(j.id(), "PENDING", pendingReason));
      }
    }
    return out;
  }

  @Override
  public void cancel(List<String> jobIds) {
    cancelled.add(List.copyOf(jobIds));
    for (String id : jobIds) {
      queued.remove(id.contains("_") ? id.substring(0, id.indexOf('_')) : id);
    }
  }

  /** Runs every queued job whose dependencies allow it, until none is left. */
  void runAll() throws Exception {
    while (!queued.isEmpty()) {
      Job j = queued.values().iterator().next();
      queued.remove(j.id());
      boolean depsOk = j.dependsOn().stream().allMatch(d -> Boolean.TRUE.equals(finished.get(d)));
      if (!depsOk) {
        finished.put(j.id(), false); // killed: invalid dependency
        continue;
      }
      boolean ok = true;
      for (String step : j.steps()) {
        try {
          ok &= StepJob.run(registry, runDirOf(j), step, List.of("data_dir=" + dataDir)) == 0;
        } catch (Exception e) {
          ok = false;
        }
      }
      finished.put(j.id(), ok);
    }
  }

  private static Path runDirOf(Job j) {
    // the script lives in <run>/slurm/
    return Path.of(j.argv().get(j.argv().size() - 1)).getParent().getParent();
  }
}
