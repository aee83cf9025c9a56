package io.mml.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a scheduler class as a mode that users select by its id ({@code mml <id> ...}).
 *
 * <p>The class must extend {@code io.mml.runtime.scheduler.AbstractBaseScheduler}, be public or
 * package-private, not abstract, and have a no-argument constructor. The annotation processor
 * generates {@code <Class>_Routine} next to it, the config stub
 * {@code META-INF/mml/configs/mode/<id>.yaml} and the registry entry that makes the mode selectable.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Mode {
  /** The mode id, as typed on the command line; lower case letters, digits and underscores. */
  String id();

  /**
   * Config-group selections this mode needs, each {@code group=option}; written into the stub's
   * defaults list and applied after the root defaults, before command-line overrides.
   */
  String[] defaults() default {};

  /** One line shown by {@code --help}. */
  String description() default "";
}
