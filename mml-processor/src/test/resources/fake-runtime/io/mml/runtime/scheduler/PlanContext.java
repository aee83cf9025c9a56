package io.mml.runtime.scheduler;

import java.util.List;
import java.util.Optional;

/** Fake of the runtime plan context. */
public interface PlanContext {
  List<String> tasks();

  Optional<String> pivot();

  boolean selected(String subroutine);

  List<Integer> folds(String task);
}
