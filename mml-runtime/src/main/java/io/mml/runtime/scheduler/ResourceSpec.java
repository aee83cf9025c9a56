package io.mml.runtime.scheduler;

/**
 * What one step needs on a cluster, from {@code @Resources}.
 *
 * @param gpus GPUs per step
 * @param cpus CPUs per step
 * @param memory memory in Slurm notation ({@code 4G})
 * @param time wall-time limit in Slurm notation ({@code 1:00:00})
 */
public record ResourceSpec(int gpus, int cpus, String memory, String time) {
  /** What a step gets when its subroutine has no {@code @Resources}. */
  public static final ResourceSpec DEFAULT = new ResourceSpec(0, 1, "2G", "1:00:00");
}
