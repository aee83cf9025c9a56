package io.mml.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a {@link Subroutine} run once per task (or once per task and fold).
 *
 * <ul>
 *   <li>{@code @PerTask}: one step per task of the expanded task list; the method takes exactly one
 *       parameter, {@code TaskStruct} or {@code String} (the task name).
 *   <li>{@code @PerTask(Tasks.PIVOT)}: one step for the pivot task only (none when no pivot is set).
 *   <li>{@code @PerTask(perFold = true)}: one step per (task, fold); the method takes
 *       ({@code TaskStruct} or {@code String}, {@code int fold}). The folds of a task come from the
 *       scheduler's {@code folds(task)} (all folds of the task description by default).
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface PerTask {
  /** Which tasks get a step. */
  Tasks value() default Tasks.ALL;

  /** One step per (task, fold) instead of one per task. */
  boolean perFold() default false;

  /** The tasks a {@link PerTask} subroutine runs over. */
  enum Tasks {
    /** Every task of the expanded task list, in order. */
    ALL,
    /** Only the pivot task. */
    PIVOT
  }
}
