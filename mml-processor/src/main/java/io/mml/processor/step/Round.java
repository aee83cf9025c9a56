package io.mml.processor.step;

import io.mml.processor.model.ModalityModel;
import io.mml.processor.model.ModeModel;
import io.mml.processor.model.TaskTypeModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * One round as the steps see it: what was collected, what validated clean, and the element being
 * processed (for MML-902). It lives for one round only; what must outlive it is in
 * {@link CompilationState}.
 */
public final class Round {
  /**
   * A clean model and the class it was built from (the originating element of its files).
   *
   * @param model the model the writers use
   * @param origin the annotated class
   */
  record Valid<T>(T model, TypeElement origin) {}

  private final RoundEnvironment env;
  private Element current;

  /** The {@code @Mode} classes to validate (deferred ones included), sorted by name. */
  final List<TypeElement> modes = new ArrayList<>();
  /** The {@code @ModalityDef} classes, sorted by name. */
  final List<TypeElement> modalities = new ArrayList<>();
  /** The {@code @TaskTypeDef} classes (deferred ones included), sorted by name. */
  final List<TypeElement> taskTypes = new ArrayList<>();
  /** The elements carrying a member annotation ({@code @Subroutine}, {@code @PerTask}, {@code @Resources}, {@code @Param}). */
  final Set<Element> members = new LinkedHashSet<>();

  final List<Valid<ModeModel>> validModes = new ArrayList<>();
  final List<Valid<ModalityModel>> validModalities = new ArrayList<>();
  final List<Valid<TaskTypeModel>> validTaskTypes = new ArrayList<>();

  public Round(RoundEnvironment env) {
    this.env = env;
  }

  RoundEnvironment env() {
    return env;
  }

  /** Whether this is the last round, in which only aggregates are written. */
  boolean isLast() {
    return env.processingOver();
  }

  /** Marks the element being processed, or {@code null} for the round as a whole. */
  void focus(Element e) {
    current = e;
  }

  /** The element being processed when something failed, or {@code null}. */
  public Element current() {
    return current;
  }
}
