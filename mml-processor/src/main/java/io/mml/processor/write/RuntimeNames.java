package io.mml.processor.write;

import com.palantir.javapoet.ClassName;

/** The runtime types the generated code targets, by name: the processor does not depend on mml-runtime. */
final class RuntimeNames {
  static final String SCHEDULER_PACKAGE = "io.mml.runtime.scheduler";
  static final ClassName ROUTINE = ClassName.get(SCHEDULER_PACKAGE, "Routine");
  static final ClassName STEP = ClassName.get(SCHEDULER_PACKAGE, "Step");
  static final ClassName STEP_KIND = ClassName.get(SCHEDULER_PACKAGE, "StepKind");
  static final ClassName SUBROUTINE_INFO = ClassName.get(SCHEDULER_PACKAGE, "SubroutineInfo");
  static final ClassName RESOURCE_SPEC = ClassName.get(SCHEDULER_PACKAGE, "ResourceSpec");
  static final ClassName PARAM_INFO = ClassName.get(SCHEDULER_PACKAGE, "ParamInfo");
  static final ClassName PLAN_CONTEXT = ClassName.get(SCHEDULER_PACKAGE, "PlanContext");
  static final ClassName CONFIG = ClassName.get("io.mml.runtime.config", "Config");
  static final ClassName CLI = ClassName.get("io.mml.runtime.cli", "Cli");
  static final ClassName MODALITY = ClassName.get("io.mml.runtime.modality", "Modality");
  static final ClassName MODALITY_PROVIDER = ClassName.get("io.mml.runtime.modality", "ModalityProvider");
  static final ClassName TASK_TYPE = ClassName.get("io.mml.runtime.tasktype", "TaskType");
  static final ClassName TASK_TYPE_PROVIDER = ClassName.get("io.mml.runtime.tasktype", "TaskTypeProvider");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final String PROCESSOR = "io.mml.processor.MmlProcessor";

  private RuntimeNames() {}
}
