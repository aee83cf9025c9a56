package io.mml.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a task type: which modalities its samples need, which one is the target, its config
 * route ({@code loss/<route>}, {@code metrics/<route>}) and the head, loss and metrics used to train
 * and evaluate it. The processor checks completeness (a trainable type without head, loss or
 * metrics, or naming an unknown modality, is a compile error) and registers it.
 *
 * <pre>{@code
 * @TaskTypeDef(id = "depth_estimation", requires = @Requires({"image", "depth"}), target = "depth",
 *              route = "depth", head = DepthHead.class, loss = DepthLoss.class, metrics = {Rmse.class})
 * final class DepthEstimation {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface TaskTypeDef {
  /** The task type id used in task descriptions ({@code task_type}). */
  String id();

  /** Alternatives of modality sets a sample needs (an OR of AND-sets); at least one. */
  Requires[] requires() default {};

  /** The target modality ({@code ""} for a type without one, which must not be trainable). */
  String target() default "";

  /** The config route: options under {@code loss/<route>/} and {@code metrics/<route>/}. */
  String route() default "";

  /** Whether models can be trained on it; a type that is not must not name head, loss or metrics. */
  boolean trainable() default true;

  /** Builds the output layer: implements {@code io.mml.runtime.tasktype.TaskHead}. */
  Class<?> head() default void.class;

  /** Builds the loss: implements {@code io.mml.runtime.tasktype.TaskLoss}. */
  Class<?> loss() default void.class;

  /** The metrics: each implements {@code io.mml.runtime.tasktype.TaskMetric}; at least one. */
  Class<?>[] metrics() default {};

  /** One line for {@code --help} and docs. */
  String description() default "";
}
