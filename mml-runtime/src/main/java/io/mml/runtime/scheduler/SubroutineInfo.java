package io.mml.runtime.scheduler;

/**
 * One subroutine of a mode, as generated from its {@code @Subroutine} method.
 *
 * @param name the subroutine name
 * @param kind how it expands into steps
 * @param method the Java method name, for messages
 * @param resources what one step needs on a cluster
 */
public record SubroutineInfo(String name, StepKind kind, String method, ResourceSpec resources) {}
