package io.mml.runtime.scheduler;

/**
 * One {@code @Param} of a mode, for {@code --help} and config checks.
 *
 * @param key the key under {@code mode.}
 * @param type the Java type as written in source ({@code int}, {@code List<String>})
 * @param defaultValue the default as YAML text ({@code 1337}, {@code [a, b]}, {@code null})
 * @param doc what the parameter does
 */
public record ParamInfo(String key, String type, String defaultValue, String doc) {}
