package io.mml.runtime.scheduler;

import io.mml.runtime.files.PathKey;
import io.mml.runtime.tasks.TaskStruct;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * A hand-written test scheduler: a per-task step that writes an artifact, a per-fold step and a once
 * step; every call is recorded in {@link #CALLS}, every step's first random draw in {@link #DRAWS},
 * and any step id in {@link #FAIL_AT} throws (after claiming its artifact) until it is removed.
 */
public class EngineTestScheduler extends AbstractBaseScheduler {
  /** The per-task artifact key. */
  static final PathKey OUT = new PathKey("enginetest_out", "ENGINETEST", "out.txt", true, true, false);
  /** An artifact claimed by afterPreparation (first invocation only). */
  static final PathKey PREP = new PathKey("enginetest_prep", "ENGINETEST_PREP", "prep.txt", false, true, false);

  /** Step ids (and hook names) called, in order, over all runs since the last {@link #reset()}. */
  static final List<String> CALLS = Collections.synchronizedList(new ArrayList<>());
  /** Step id to the first {@code random().nextLong()} drawn in it (last invocation wins). */
  static final Map<String, Long> DRAWS = new ConcurrentHashMap<>();
  /** Step ids that throw. */
  static final Set<String> FAIL_AT = ConcurrentHashMap.newKeySet();
  /** Whether afterPreparation throws. */
  static volatile boolean failAfterPreparation;

  // Bound by the routine from mode.level, mode.objective, mode.folds.
  int level;
  double objective;
  int folds;

  static void reset() {
    CALLS.clear();
    DRAWS.clear();
    FAIL_AT.clear();
    failAfterPreparation = false;
  }

  @Override
  protected List<PathKey> pathKeys() {
    return List.of(OUT, PREP);
  }

  @Override
  public List<Integer> folds(String taskName) {
    return IntStream.range(0, Math.min(folds, super.folds(taskName).size())).boxed().toList();
  }

  @Override
  protected void afterPreparation() throws Exception {
    CALLS.add("afterPreparation");
    if (failAfterPreparation) {
      throw new IllegalStateException("afterPreparation failed on purpose");
    }
    if (!context().continued()) {
      Path p = files().constructSavingPath(PREP.key(), null);
      Files.writeString(p, "prepared", StandardCharsets.UTF_8);
    }
  }

  @Override
  protected void beforeFinishing() {
    CALLS.add("beforeFinishing");
    returnValue(objective);
  }

  private void enter(String stepId) {
    CALLS.add(stepId);
    DRAWS.put(stepId, random().nextLong());
  }

  private void maybeFail(String stepId) {
    if (FAIL_AT.contains(stepId)) {
      throw new IllegalStateException("step " + stepId + " failed on purpose");
    }
  }

  void perTask(TaskStruct task) throws IOException {
    String id = Step.perTask("per_task", task.name()).id();
    enter(id);
    Path p = files().constructSavingPath(OUT.key(), task.name());
    Files.writeString(p, id + " level " + level, StandardCharsets.UTF_8);
    maybeFail(id);
    task.putPath(OUT.key(), p);
  }

  void perFold(TaskStruct task, int fold) {
    String id = Step.perFold("per_fold", task.name(), fold).id();
    enter(id);
    if (task.path(OUT.key()).isEmpty()) {
      throw new IllegalStateException("per_fold " + task.name() + " ran without the per_task artifact");
    }
    maybeFail(id);
  }

  void once() {
    enter("once");
    maybeFail("once");
  }
}
