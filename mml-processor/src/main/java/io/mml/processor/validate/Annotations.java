package io.mml.processor.validate;

import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads annotations as mirrors (never through {@code getAnnotation}), so every value keeps its
 * source position for diagnostics.
 */
public final class Annotations {
  public static final String MODE = "io.mml.annotations.Mode";
  public static final String SUBROUTINE = "io.mml.annotations.Subroutine";
  public static final String PER_TASK = "io.mml.annotations.PerTask";
  public static final String PARAM = "io.mml.annotations.Param";
  public static final String RESOURCES = "io.mml.annotations.Resources";
  public static final String MODALITY_DEF = "io.mml.annotations.ModalityDef";
  public static final String TASK_TYPE_DEF = "io.mml.annotations.TaskTypeDef";

  private final Elements elements;

  public Annotations(Elements elements) {
    this.elements = elements;
  }

  /** The annotation of the given type on the element, or {@code null}. */
  public static AnnotationMirror find(Element e, String annotationType) {
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      Element type = m.getAnnotationType().asElement();
      if (type instanceof TypeElement t && t.getQualifiedName().contentEquals(annotationType)) {
        return m;
      }
    }
    return null;
  }

  /** The value of a member, defaults included. */
  public AnnotationValue value(AnnotationMirror m, String member) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : elements.getElementValuesWithDefaults(m).entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(member)) {
        return e.getValue();
      }
    }
    throw new IllegalArgumentException("no member " + member + " in " + m);
  }

  /** The value as written in source, or {@code null} when the member takes its default. */
  public static AnnotationValue explicit(AnnotationMirror m, String member) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : m.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(member)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** A String member ({@code ""} when the value is erroneous). */
  public String string(AnnotationMirror m, String member) {
    Object v = value(m, member).getValue();
    return v instanceof String s ? s : "";
  }

  /** An int member ({@code 0} when the value is erroneous). */
  public int integer(AnnotationMirror m, String member) {
    Object v = value(m, member).getValue();
    return v instanceof Integer i ? i : 0;
  }

  /** A boolean member. */
  public boolean bool(AnnotationMirror m, String member) {
    Object v = value(m, member).getValue();
    return v instanceof Boolean b && b;
  }
}
