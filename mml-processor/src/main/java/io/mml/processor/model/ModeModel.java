package io.mml.processor.model;

import java.util.List;
import java.util.Objects;

/**
 * One validated {@code @Mode} scheduler: everything the writers need, and nothing from javac.
 *
 * @param scheduler the scheduler class
 * @param id the mode id
 * @param description the one-line description
 * @param defaults the config-group selections ({@code group=option}), in declaration order
 * @param subroutines the subroutines, inherited ones first (topmost superclass first), each class's in source order
 * @param params the parameters, in the same order
 * @param usesDeprecated whether the class or a member the routine touches is deprecated
 * @param generatedAnnotation whether {@code javax.annotation.processing.Generated} is available
 */
public record ModeModel(
    TypeRef scheduler, String id, String description, List<String> defaults,
    List<SubroutineModel> subroutines, List<ParamModel> params, boolean usesDeprecated,
    boolean generatedAnnotation) {
  public ModeModel {
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    defaults = List.copyOf(defaults);
    subroutines = List.copyOf(subroutines);
    params = List.copyOf(params);
  }

  /** The generated routine ({@code Outer_Inner_Routine} in the scheduler's package). */
  public TypeRef routine() {
    return TypeRef.of(scheduler.packageName(), scheduler.flatName() + "_Routine");
  }
}
