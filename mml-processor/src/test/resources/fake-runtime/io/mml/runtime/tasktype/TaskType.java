package io.mml.runtime.tasktype;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Fake of the runtime record (same constructor). */
public record TaskType(String id, List<Set<String>> requires, List<String> setTargets, String target, String route, boolean trainable,
    Supplier<TaskHead> head, Supplier<TaskLoss> loss, List<Supplier<TaskMetric>> metrics, String description) {}
