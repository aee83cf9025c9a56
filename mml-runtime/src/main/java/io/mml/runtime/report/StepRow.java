package io.mml.runtime.report;

import java.time.Instant;

/**
 * One step of a run as the report shows it: where it is, when it ran, in which invocation of the run
 * (1 for the first command, 2 and later for each {@code continue=}), how often it started, and the
 * Slurm job that ran it.
 *
 * @param index its position in the plan (0 = prepare)
 * @param id the step id
 * @param subroutine the subroutine (prepare and finish included)
 * @param task the task, or null for a once step
 * @param fold the fold, or -1
 * @param state where it is
 * @param start when its last attempt started, or null
 * @param end when its last attempt ended, or null
 * @param seconds how long its last attempt took
 * @param attempts how often it started
 * @param invocation the invocation of its last attempt (0 when it never started)
 * @param jobId the Slurm job id, or null when it ran in-process
 * @param host the host that ran it (cluster steps), or null
 * @param error the failure message, or null
 */
public record StepRow(int index, String id, String subroutine, String task, int fold, StepState state, Instant start,
    Instant end, double seconds, int attempts, int invocation, String jobId, String host, String error) {}
