package io.mml.runtime.sweep;

import java.util.Map;

/**
 * A finished trial as a search sees it.
 *
 * @param number the trial's number (0-based)
 * @param assignment the searched keys' override values
 * @param value the run's return value (NaN when it set none)
 */
public record Trial(int number, Map<String, String> assignment, double value) {
  public Trial {
    assignment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(assignment)); // keeps key order
  }
}
