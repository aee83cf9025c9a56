package io.mml.runtime.scheduler;

/** Fake. */
public record ResourceSpec(int gpus, int cpus, String memory, String time) {
  public static final ResourceSpec DEFAULT = new ResourceSpec(0, 1, "2G", "1:00:00");
}
