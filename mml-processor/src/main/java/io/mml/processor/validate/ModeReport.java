package io.mml.processor.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in one {@code @Mode} class while its rules run. Shown problems are printed;
 * silenced ones were already reported on a superclass mode of this compilation, but still make
 * this mode fail (one diagnostic per problem).
 */
final class ModeReport {
  private final List<Problem> shown = new ArrayList<>();
  private final List<Problem> silenced = new ArrayList<>();

  /** A problem printed for this mode. */
  void add(Problem p) {
    shown.add(p);
  }

  /** A problem that fails this mode without being printed again. */
  void silence(Problem p) {
    silenced.add(p);
  }

  /** Shown and silenced problems so far: rules compare counts to learn whether a member was clean. */
  int count() {
    return shown.size() + silenced.size();
  }

  /** Whether any problem, shown or silenced, stops generation. */
  boolean hasErrors() {
    return shown.stream().anyMatch(Problem::isError) || silenced.stream().anyMatch(Problem::isError);
  }

  /** The problems to print, in the order they were found. */
  List<Problem> shown() {
    return shown;
  }
}
