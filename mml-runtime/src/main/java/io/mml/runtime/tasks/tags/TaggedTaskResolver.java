package io.mml.runtime.tasks.tags;

import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasks.TaskIndex;
import io.mml.runtime.tasks.TaskResolver;

/**
 * The {@link TaskResolver} behind {@link TaskIndex#resolve(String)}: {@link TaggedTasks#resolve(TaskIndex, String)}
 * with the default tags. Registered in {@code META-INF/services/io.mml.runtime.tasks.TaskResolver}.
 */
public final class TaggedTaskResolver implements TaskResolver {
  @Override
  public TaskHeader resolve(TaskIndex index, String name) {
    return TaggedTasks.resolve(index, name);
  }
}
