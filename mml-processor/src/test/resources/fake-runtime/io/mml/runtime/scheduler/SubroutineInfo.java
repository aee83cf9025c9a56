package io.mml.runtime.scheduler;

/** Fake. */
public record SubroutineInfo(String name, StepKind kind, String method, ResourceSpec resources) {}
