package io.mml.runtime.scheduler;

import io.mml.runtime.config.Config;
import java.util.List;

/** Fake of the runtime contract (same signatures). */
public interface Routine<S extends AbstractBaseScheduler> {
  String modeId();

  String description();

  Class<S> schedulerType();

  S newScheduler();

  List<SubroutineInfo> subroutines();

  List<ParamInfo> params();

  void bind(S scheduler, Config config);

  List<Step> plan(S scheduler, PlanContext context);

  void run(S scheduler, Step step) throws Exception;
}
