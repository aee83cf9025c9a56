package io.mml.runtime.cluster;

import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code executor} config group with option {@code slurm}.
 *
 * @param partition {@code --partition}, or null for the cluster's default
 * @param account {@code --account}, or null
 * @param extraFlags further sbatch flags, verbatim (e.g. {@code --qos=short})
 * @param waitForRun whether the submitting command waits for the run and shows progress
 * @param pollSeconds how often a waiting command looks at the markers and the queue
 * @param java the java binary on the nodes (empty: the one running the submitter)
 * @param javaOpts JVM flags of the jobs
 * @param sbatch the sbatch command
 * @param squeue the squeue command
 * @param scancel the scancel command
 * @param jobNamePrefix prefix of the job names ({@code <prefix>.<mode>.<subroutine>})
 */
public record SlurmConfig(String partition, String account, List<String> extraFlags, boolean waitForRun,
    double pollSeconds, String java, List<String> javaOpts, String sbatch, String squeue, String scancel,
    String jobNamePrefix) {

  /** The executor named by {@code executor.name} ({@code local} when the group is absent). */
  public static String executorName(Config config) {
    return config.has("executor.name") ? config.getString("executor.name") : "local";
  }

  /** Reads {@code executor.*}; missing keys take the defaults of {@code executor/slurm.yaml}. */
  public static SlurmConfig from(Config c) {
    double poll = c.has("executor.poll_seconds") ? c.getDouble("executor.poll_seconds") : 5;
    if (!(poll > 0)) {
      throw new ConfigException("executor.poll_seconds", "Config key 'executor.poll_seconds' must be > 0; found "
          + poll + ".");
    }
    return new SlurmConfig(blankToNull(str(c, "executor.partition", null)), blankToNull(str(c, "executor.account", null)),
        list(c, "executor.extra_flags"), c.has("executor.wait") && c.getBoolean("executor.wait"), poll,
        str(c, "executor.java", ""), list(c, "executor.java_opts"), str(c, "executor.sbatch", "sbatch"),
        str(c, "executor.squeue", "squeue"), str(c, "executor.scancel", "scancel"),
        str(c, "executor.job_name_prefix", "mml"));
  }

  /** The java binary for the jobs. */
  public String javaBinary() {
    return java == null || java.isBlank()
        ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : java;
  }

  private static String str(Config c, String key, String fallback) {
    if (!c.has(key) || c.node(key).orElseThrow().isNull()) {
      return fallback;
    }
    return c.getString(key);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static List<String> list(Config c, String key) {
    if (!c.has(key) || c.node(key).orElseThrow().isNull()) {
      return List.of();
    }
    return List.copyOf(c.getList(key, String.class));
  }
}
