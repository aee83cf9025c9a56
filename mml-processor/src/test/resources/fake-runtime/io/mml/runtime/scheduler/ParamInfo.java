package io.mml.runtime.scheduler;

/** Fake. */
public record ParamInfo(String key, String type, String defaultValue, String doc) {}
