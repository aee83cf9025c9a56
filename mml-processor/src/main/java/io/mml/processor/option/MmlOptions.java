package io.mml.processor.option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed {@code -Amml.*} options.
 *
 * @param mainEnabled whether a main class is generated at all
 * @param mainClass the explicit main class name, if given
 * @param verbose whether NOTEs on generated files are printed
 * @param problems one message per bad option value (empty when all are valid)
 */
public record MmlOptions(boolean mainEnabled, Optional<String> mainClass, boolean verbose, List<String> problems) {

  /** Parses the processor options; bad values fall back to the default and are listed in {@link #problems()}. */
  public static MmlOptions parse(Map<String, String> raw) {
    List<String> problems = new ArrayList<>();
    String main = value(raw, MmlOption.MAIN, problems);
    String verbose = value(raw, MmlOption.VERBOSE, problems);
    boolean mainEnabled = main == null || !main.equals("none");
    Optional<String> mainClass = main == null || main.equals("none") ? Optional.empty() : Optional.of(main);
    return new MmlOptions(mainEnabled, mainClass,
        verbose != null && verbose.toLowerCase(Locale.ROOT).equals("true"), List.copyOf(problems));
  }

  private static String value(Map<String, String> raw, MmlOption option, List<String> problems) {
    if (!raw.containsKey(option.key())) {
      return null;
    }
    String v = raw.get(option.key());
    String trimmed = v == null ? "" : v.trim();
    if (!option.isValid(trimmed)) {
      problems.add(String.format("[MML-901] Option -A%s has the invalid value '%s'. Valid values: %s.",
          option.key(), v == null ? "" : v, option.validValues()));
      return null;
    }
    return trimmed;
  }
}
