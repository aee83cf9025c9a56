package io.mml.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a data modality (a kind of value a sample can hold: an image, a mask, a class, ...).
 * The processor checks that loader and verifier are given and fit, and registers the modality, so
 * task types and task descriptions can name it by {@link #id()}.
 *
 * <pre>{@code
 * @ModalityDef(id = "depth", loader = DepthLoader.class, verifier = DepthVerifier.class, augmentable = true)
 * final class Depth {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ModalityDef {
  /** The modality id used in task descriptions; lower case letters, digits and underscores. */
  String id();

  /**
   * Loads a sample's value: a public class with a no-argument constructor implementing
   * {@code io.mml.runtime.modality.ModalityLoader}. Required ({@code void.class} means missing).
   */
  Class<?> loader() default void.class;

  /**
   * Checks a sample's value when a task is created: implements
   * {@code io.mml.runtime.modality.ModalityVerifier}. Required ({@code void.class} means missing).
   */
  Class<?> verifier() default void.class;

  /** Whether spatial image augmentations (flip, rotate, crop, resize) must be applied to it too. */
  boolean augmentable() default false;

  /** One line for {@code --help} and docs. */
  String description() default "";
}
