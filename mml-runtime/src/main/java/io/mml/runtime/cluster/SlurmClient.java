package io.mml.runtime.cluster;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The few Slurm commands mml needs. The real one runs {@code sbatch}, {@code squeue} and
 * {@code scancel}; tests record the command lines instead.
 */
public interface SlurmClient {
  /** One job (or array task) in the queue. */
  record QueuedJob(String id, String state, String reason) {}

  /**
   * Runs {@code sbatch --parsable ...} and returns the job id.
   *
   * @param argv the complete command line, command first
   */
  String submit(List<String> argv) throws IOException;

  /**
   * The jobs in the queue (pending, running, completing), one entry per array task
   * ({@code 12_3}) and per plain job ({@code 13}); a pending array's tasks are listed each.
   */
  Map<String, QueuedJob> queue() throws IOException;

  /** Cancels jobs; ids of jobs that are already gone are ignored. */
  void cancel(List<String> jobIds) throws IOException;
}
