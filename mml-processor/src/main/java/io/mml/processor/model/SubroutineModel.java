package io.mml.processor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One validated {@code @Subroutine} method.
 *
 * @param name the subroutine name
 * @param kind how it expands into steps
 * @param method the Java method name
 * @param taskArg what the method takes for its task
 * @param resources its {@code @Resources}, if annotated
 */
public record SubroutineModel(
    String name, StepKindModel kind, String method, TaskArg taskArg, Optional<ResourcesModel> resources) {
  public SubroutineModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(taskArg, "taskArg");
    Objects.requireNonNull(resources, "resources");
  }
}
