package io.mml.runtime.scheduler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Test-only plan context over fixed values. */
public record SimplePlanContext(List<String> tasks, Optional<String> pivot, Set<String> selectedNames,
    Map<String, List<Integer>> foldsByTask) implements PlanContext {
  @Override
  public boolean selected(String subroutine) {
    return selectedNames.contains(subroutine);
  }

  @Override
  public List<Integer> folds(String task) {
    return foldsByTask.getOrDefault(task, List.of());
  }
}
