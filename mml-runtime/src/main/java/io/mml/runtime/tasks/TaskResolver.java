package io.mml.runtime.tasks;

/**
 * Resolves a task name that may name a derived task (a tagged task, {@code base+tag?arg}) to its raw header,
 * creating the derived task on first use; what {@link TaskIndex#resolve(String)} delegates to.
 *
 * <p>Why an interface: tags build on tasks ({@code io.mml.runtime.tasks.tags} reads and writes task descriptions),
 * so {@code tasks} must not call into {@code tasks.tags}. The one implementation,
 * {@code io.mml.runtime.tasks.tags.TaggedTaskResolver}, is registered in
 * {@code META-INF/services/io.mml.runtime.tasks.TaskResolver} and found with {@link java.util.ServiceLoader}.
 */
public interface TaskResolver {
  /** The raw header of {@code name} in {@code index}, creating it first when it is a missing derived task. */
  TaskHeader resolve(TaskIndex index, String name);
}
