package io.mml.runtime.cli;

import io.mml.runtime.config.Config;
import io.mml.runtime.scheduler.ParamInfo;
import io.mml.runtime.scheduler.PlanContext;
import io.mml.runtime.scheduler.ResourceSpec;
import io.mml.runtime.scheduler.Routine;
import io.mml.runtime.scheduler.Step;
import io.mml.runtime.scheduler.StepKind;
import io.mml.runtime.scheduler.SubroutineInfo;
import java.util.List;

/** A hand-written routine standing in for a generated one, for --help and mode lookup. */
final class FakeRoutine implements Routine<FakeScheduler> {
  private final String id;
  private final String description;
  private final List<SubroutineInfo> subroutines;
  private final List<ParamInfo> params;

  FakeRoutine(String id, String description, List<SubroutineInfo> subroutines, List<ParamInfo> params) {
    this.id = id;
    this.description = description;
    this.subroutines = subroutines;
    this.params = params;
  }

  /** Like the seed's BuzzScheduler. */
  static FakeRoutine buzz() {
    return new FakeRoutine("buzz", "Buzzes over every task, then sums up.",
        List.of(new SubroutineInfo("a", StepKind.PER_TASK, "stepA", ResourceSpec.DEFAULT),
            new SubroutineInfo("b", StepKind.ONCE, "stepB", ResourceSpec.DEFAULT)),
        List.of(new ParamInfo("var_one", "int", "1337", "How loud to buzz.")));
  }

  static FakeRoutine fizz() {
    return new FakeRoutine("fizz", "Fizzes the pivot task.",
        List.of(new SubroutineInfo("pop", StepKind.PIVOT, "pop", ResourceSpec.DEFAULT)),
        List.of(new ParamInfo("strength", "double", "0.5", "Bubble strength.")));
  }

  @Override
  public String modeId() {
    return id;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public Class<FakeScheduler> schedulerType() {
    return FakeScheduler.class;
  }

  @Override
  public FakeScheduler newScheduler() {
    return new FakeScheduler();
  }

  @Override
  public List<SubroutineInfo> subroutines() {
    return subroutines;
  }

  @Override
  public List<ParamInfo> params() {
    return params;
  }

  @Override
  public void bind(FakeScheduler scheduler, Config config) {}

  @Override
  public List<Step> plan(FakeScheduler scheduler, PlanContext context) {
    return List.of();
  }

  @Override
  public void run(FakeScheduler scheduler, Step step) {}
}
