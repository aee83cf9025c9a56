package io.mml.runtime.run;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of one step of a run as recorded in {@code <run>/steps/<step>.json}: the truth about a
 * step run as a cluster job (Slurm's memory of a job is not kept: finished jobs leave the queue).
 *
 * @param step the step id
 * @param status where the step is
 * @param jobId the Slurm job id running it ({@code 12} or {@code 12_3} for an array task); null when run in-process
 * @param attempt how often the step was submitted (1 for the first time)
 * @param host the host that ran it (running and later)
 * @param pid the process that ran it
 * @param submittedAt when it was submitted, or null
 * @param startedAt when it started, or null
 * @param endedAt when it ended, or null
 * @param seconds how long it ran (done, failed)
 * @param log the log file of the step (absolute)
 * @param error the failure message (failed, cancelled), or null
 * @param structs the artifact paths the step recorded on the task structs: task -> key -> path relative to
 *     the results root, or null when the step removed the key
 */
public record StepMarker(String step, Status status, String jobId, int attempt, String host, long pid,
    Instant submittedAt, Instant startedAt, Instant endedAt, double seconds, String log, String error,
    Map<String, Map<String, String>> structs) {

  /** Where a step is. */
  public enum Status {
    /** Handed to Slurm, not started. */
    SUBMITTED,
    /** Started by a job (or in-process). */
    RUNNING,
    /** Finished; its struct changes are recorded. */
    DONE,
    /** Threw, or was terminated by a signal. */
    FAILED,
    /** Cancelled with {@code mml cancel}. */
    CANCELLED;

    /** Whether nothing will change this marker any more without a new submission. */
    public boolean isFinal() {
      return this == DONE || this == FAILED || this == CANCELLED;
    }
  }

  public StepMarker {
    structs = structs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(structs));
  }

  /** A marker for a freshly submitted step. */
  public static StepMarker submitted(String step, String jobId, int attempt, String log, Instant at) {
    return new StepMarker(step, Status.SUBMITTED, jobId, attempt, null, 0, at, null, null, 0, log, null, Map.of());
  }

  /** This marker with another status. */
  public StepMarker withStatus(Status s, String error) {
    return new StepMarker(step, s, jobId, attempt, host, pid, submittedAt, startedAt, endedAt, seconds, log, error,
        structs);
  }

  /** This marker as started on a host by a process. */
  public StepMarker started(String jobId, String host, long pid, Instant at, String log) {
    return new StepMarker(step, Status.RUNNING, jobId, attempt, host, pid, submittedAt, at, null, 0, log, null, Map.of());
  }

  /** This marker as ended (done or failed). */
  public StepMarker ended(Status s, Instant at, double seconds, String error, Map<String, Map<String, String>> changes) {
    return new StepMarker(step, s, jobId, attempt, host, pid, submittedAt, startedAt, at, seconds, log, error, changes);
  }
}
