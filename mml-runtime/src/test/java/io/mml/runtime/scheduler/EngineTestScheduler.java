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
 * step; every call and every step's first random draw is recorded in the run's {@link Probe}, and a
 * step the probe names throws (after claiming its artifact) until the probe is cleared.
 */
public class EngineTestScheduler extends AbstractBaseScheduler {
  /** The per-task artifact key. */
  static final PathKey OUT = PathKey.builder("enginetest_out").folder("ENGINETEST").file("out.txt").perTask().numbered().build();
  /** An artifact claimed by afterPreparation (first invocation only). */
  static final PathKey PREP = PathKey.builder("enginetest_prep").file("prep.txt").numbered().build();

  // Bound by the routine from mode.level, mode.objective, mode.folds.
  int level;
  double objective;
  int folds;
  /** Set by checkConfig: every step checks it ran in this process (a cluster job too). */
  private boolean checked;

  @Override
  protected void checkConfig(io.mml.runtime.config.Config config) {
    checked = true;
  }

  /** The probe of this run ({@code <out_dir>/probe}): calls, draws and where to fail. */
  private Probe probe() {
    return new Probe(Path.of(context().config().getString("out_dir")));
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
    probe().called("afterPreparation");
    if (probe().failsAfterPreparation()) {
      throw new IllegalStateException("afterPreparation failed on purpose");
    }
    if (!context().continued()) {
      Path p = files().constructSavingPath(PREP.key(), null);
      Files.writeString(p, "prepared", StandardCharsets.UTF_8);
    }
  }

  @Override
  protected void beforeFinishing() {
    probe().called("beforeFinishing");
    returnValue(objective);
  }

  private void enter(String stepId) {
    if (!checked) {
      throw new IllegalStateException("step " + stepId + " runs on a scheduler whose checkConfig did not run");
    }
    probe().called(stepId);
    probe().drew(stepId, random().nextLong());
  }

  private void maybeFail(String stepId) {
    if (probe().failsAt(stepId)) {
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
