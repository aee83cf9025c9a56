package io.mml.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a typed mode parameter on a non-private, non-final, non-static field of a {@link Mode}
 * class. The generated routine assigns it from {@code mode.<key>} before planning.
 *
 * <p>Supported types: primitives and their boxes, {@code String}, enums, {@code java.nio.file.Path}
 * and {@code java.util.List} of {@code String}, {@code Integer}, {@code Long}, {@code Double} or
 * {@code Boolean}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Param {
  /** The YAML key under {@code mode.}; empty means the snake_case of the field name. */
  String key() default "";

  /**
   * The default, written as on the command line ({@code "7"}, {@code "true"}, {@code "[a,b]"},
   * {@code "null"}); it must parse as the field's type. Empty means the field's type default
   * ({@code 0}, {@code false}, {@code null}, {@code []}).
   */
  String defaultValue() default "";

  /** What the parameter does; written as a comment into the stub and shown by {@code --help}. */
  String doc() default "";
}
