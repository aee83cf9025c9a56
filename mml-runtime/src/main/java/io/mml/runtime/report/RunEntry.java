package io.mml.runtime.report;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One run in a project report's index.
 *
 * @param runId the run id
 * @param mode the mode, or "" when the run folder could not be read
 * @param state finished, failed, unfinished, or unreadable
 * @param counts steps per state
 * @param steps steps in the plan
 * @param start when its first step started, or null
 * @param wallSeconds from first start to last end (NaN when unknown)
 * @param tasks tasks of the run
 * @param returnValue its return value
 * @param report the run's report relative to the project folder, or null when it has none
 * @param problem why the run could not be read, or null
 */
public record RunEntry(String runId, String mode, String state, Map<StepState, Integer> counts, int steps,
    Instant start, double wallSeconds, int tasks, Optional<Double> returnValue, String report, String problem) {
  public RunEntry {
    counts = Map.copyOf(counts);
  }
}
