package io.mml.runtime.cluster;

import io.mml.runtime.scheduler.ResourceSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the sbatch command line of one submission (a job, or a job array of per-task steps). */
public final class SbatchCommand {
  private SbatchCommand() {}

  /**
   * The command line.
   *
   * @param config the executor config
   * @param jobName the job name
   * @param arraySize the number of array tasks, or 0 for a plain job
   * @param dependsOn the job ids this one runs after ({@code afterok}); empty for none
   * @param resources what one step needs
   * @param logDir where Slurm's own output goes (the step's output goes to its step log)
   * @param script the batch script
   */
  public static List<String> build(SlurmConfig config, String jobName, int arraySize, List<String> dependsOn,
      ResourceSpec resources, Path logDir, Path script) {
    List<String> argv = new ArrayList<>();
    argv.add(config.sbatch());
    argv.add("--parsable");
    argv.add("--job-name=" + jobName);
    argv.add("--output=" + logDir.resolve(arraySize > 0 ? "slurm-%A_%a.out" : "slurm-%j.out"));
    argv.add("--open-mode=append");
    if (arraySize > 0) {
      argv.add("--array=0-" + (arraySize - 1));
    }
    if (!dependsOn.isEmpty()) {
      argv.add("--dependency=afterok:" + String.join(":", dependsOn));
      // Without it a job whose dependency failed pends forever.
      argv.add("--kill-on-invalid-dep=yes");
    }
    argv.addAll(resourceFlags(resources));
    if (config.partition() != null) {
      argv.add("--partition=" + config.partition());
    }
    if (config.account() != null) {
      argv.add("--account=" + config.account());
    }
    argv.addAll(config.extraFlags());
    argv.add(script.toString());
    return argv;
  }

  /** {@code @Resources} as sbatch flags. */
  public static List<String> resourceFlags(ResourceSpec r) {
    ResourceSpec res = r == null ? ResourceSpec.DEFAULT : r;
    List<String> out = new ArrayList<>();
    if (res.gpus() > 0) {
      out.add("--gres=gpu:" + res.gpus());
    }
    if (res.cpus() > 0) {
      out.add("--cpus-per-task=" + res.cpus());
    }
    if (res.memory() != null && !res.memory().isBlank()) {
      out.add("--mem=" + res.memory());
    }
    if (res.time() != null && !res.time().isBlank()) {
      out.add("--time=" + res.time());
    }
    return out;
  }
}
