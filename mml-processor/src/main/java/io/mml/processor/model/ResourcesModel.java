package io.mml.processor.model;

/**
 * The validated {@code @Resources} of a subroutine.
 *
 * @param gpus GPUs per step
 * @param cpus CPUs per step
 * @param memory memory in Slurm notation
 * @param time wall time in Slurm notation
 */
public record ResourcesModel(int gpus, int cpus, String memory, String time) {}
