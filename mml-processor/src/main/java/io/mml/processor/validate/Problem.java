package io.mml.processor.validate;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * One diagnostic, with the most precise position known.
 *
 * @param kind ERROR, WARNING or NOTE
 * @param text the full message, starting with its id
 * @param element where it is reported
 * @param mirror the annotation on that element, or {@code null}
 * @param value the annotation value, or {@code null}
 */
public record Problem(Diagnostic.Kind kind, String text, Element element, AnnotationMirror mirror, AnnotationValue value) {

  /** A problem from the catalogue. */
  public static Problem of(Message m, Element e, AnnotationMirror mirror, AnnotationValue value, Object... args) {
    return new Problem(m.kind(), m.format(args), e, mirror, value);
  }

  /** Whether this problem stops generation. */
  public boolean isError() {
    return kind == Diagnostic.Kind.ERROR;
  }
}
