package io.mml.runtime.scheduler;

import io.mml.runtime.config.Config;
import java.util.ArrayList;
import java.util.List;

/** Hand-written stand-in for a generated routine of {@link EngineTestScheduler} (mode {@code enginetest}). */
final class EngineTestRoutine implements Routine<EngineTestScheduler> {
  @Override
  public String modeId() {
    return "enginetest";
  }

  @Override
  public String description() {
    return "Engine test mode.";
  }

  @Override
  public Class<EngineTestScheduler> schedulerType() {
    return EngineTestScheduler.class;
  }

  @Override
  public EngineTestScheduler newScheduler() {
    return new EngineTestScheduler();
  }

  @Override
  public List<SubroutineInfo> subroutines() {
    return List.of(
        new SubroutineInfo("per_task", StepKind.PER_TASK, "perTask", ResourceSpec.DEFAULT),
        new SubroutineInfo("per_fold", StepKind.PER_FOLD, "perFold", ResourceSpec.DEFAULT),
        new SubroutineInfo("once", StepKind.ONCE, "once", ResourceSpec.DEFAULT));
  }

  @Override
  public List<ParamInfo> params() {
    return List.of(
        new ParamInfo("level", "int", "3", "A level."),
        new ParamInfo("objective", "double", "0.25", "The return value."),
        new ParamInfo("folds", "int", "2", "Folds per task."));
  }

  @Override
  public void bind(EngineTestScheduler s, Config config) {
    s.level = config.getInt("mode.level");
    s.objective = config.getDouble("mode.objective");
    s.folds = config.getInt("mode.folds");
  }

  @Override
  public List<Step> plan(EngineTestScheduler s, PlanContext ctx) {
    List<Step> steps = new ArrayList<>();
    if (ctx.selected("per_task")) {
      for (String task : ctx.tasks()) {
        steps.add(Step.perTask("per_task", task));
      }
    }
    if (ctx.selected("per_fold")) {
      for (String task : ctx.tasks()) {
        for (int fold : ctx.folds(task)) {
          steps.add(Step.perFold("per_fold", task, fold));
        }
      }
    }
    if (ctx.selected("once")) {
      steps.add(Step.once("once"));
    }
    return steps;
  }

  @Override
  public void run(EngineTestScheduler s, Step step) throws Exception {
    switch (step.subroutine()) {
      case "per_task" -> s.perTask(s.struct(step.task()));
      case "per_fold" -> s.perFold(s.struct(step.task()), step.fold());
      case "once" -> s.once();
      default -> throw new IllegalArgumentException("Mode 'enginetest' has no subroutine '" + step.subroutine() + "'");
    }
  }
}
