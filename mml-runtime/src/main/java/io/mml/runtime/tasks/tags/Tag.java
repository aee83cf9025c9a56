package io.mml.runtime.tasks.tags;

import io.mml.runtime.tasks.TaskDescription;
import java.util.List;

/**
 * A tag derives a task variant from a task description: {@code base+<name>?arg?arg}. Implementations are
 * stateless and deterministic: the same description, arguments and seed always give the same result
 * (sample order included), so a tagged task created twice is byte-identical.
 *
 * <p>Built-ins are listed in {@link Tags}; further tags are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.mml.runtime.tasks.tags.Tag}).
 *
 * <p>{@link #apply} returns the new samples and folds; the caller ({@link TaggedTasks}) then recomputes the
 * header fields that depend on them ({@link TagSupport#finish}), so implementations need not touch the header
 * except for what only they know (they may return a description with the parent's header).
 */
public interface Tag {
  /** The tag name as written after {@code +} (lower case letters, digits, '_'). */
  String name();

  /** The argument spec shown in errors, e.g. {@code ?<frac>} or {@code ?<fold>[?<n_folds>]}; "" for none. */
  String argSpec();

  /** The fewest arguments. */
  int minArgs();

  /** The most arguments. */
  int maxArgs();

  /**
   * Checks the arguments without a task (called when the name is parsed, before anything is written).
   *
   * @throws IllegalArgumentException naming the bad argument and what is expected
   */
  void checkArgs(List<String> args);

  /**
   * Derives the variant.
   *
   * @param task the parent task (already checked, immutable)
   * @param args the arguments as written (decimals with '_'); already passed {@link #checkArgs}
   * @param seed the seed derived from the tagged alias (deterministic)
   * @throws IllegalArgumentException when the task does not fit the tag (e.g. a fold out of range)
   */
  TaskDescription apply(TaskDescription task, List<String> args, long seed);

  /** {@code name + argSpec}, for listings. */
  default String usage() {
    return name() + argSpec();
  }
}
