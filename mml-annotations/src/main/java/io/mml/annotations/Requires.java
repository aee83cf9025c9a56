package io.mml.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One set of modalities a task type needs all of (an AND-set); {@link TaskTypeDef#requires()} is a
 * list of alternatives (an OR of these sets).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Requires {
  /** Modality ids, all required together. */
  String[] value();

  /**
   * The target modality when a sample satisfies this set; {@code ""} (the default) means the task
   * type's {@link TaskTypeDef#target()}. Lets one type take alternative targets, e.g. multi-label
   * classification with {@code classes} or, in another set, {@code soft_classes}.
   */
  String target() default "";
}
