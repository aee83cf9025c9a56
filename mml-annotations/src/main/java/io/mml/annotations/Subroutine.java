package io.mml.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Mode} class as a named subroutine.
 *
 * <p>Subroutines run in the source order of their methods; {@code mode.subroutines} selects a
 * subset. Without {@link PerTask} the subroutine is a single step and the method takes no
 * parameters.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Subroutine {
  /** The subroutine name, unique within the mode; lower case letters, digits and underscores. */
  String value();
}
