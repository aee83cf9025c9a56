package io.mml.processor.validate;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Where the problems of the members declared in one class of a mode's hierarchy go.
 *
 * @param mode the {@code @Mode} class being validated
 * @param owner the class of the hierarchy that declares the members
 * @param silent whether a superclass mode of this compilation reports these members itself
 * @param report the mode's report
 */
record MemberScope(TypeElement mode, TypeElement owner, boolean silent, ModeReport report) {
  boolean own() {
    return owner.equals(mode);
  }

  /** The member as messages name it: its simple name, plus its class when inherited. */
  String label(Element member) {
    String simple = member.getSimpleName().toString();
    return own() ? simple : simple + " (inherited from " + owner.getQualifiedName() + ")";
  }

  /** Reports on the member when it is the mode's own, else on the mode (an inherited member may come from a jar). */
  void report(Message m, Element e, AnnotationMirror mirror, AnnotationValue value, Object... args) {
    if (own()) {
      report.add(Problem.of(m, e, mirror, value, args));
    } else if (silent) {
      report.silence(Problem.of(m, e, mirror, value, args));
    } else {
      report.add(Problem.of(m, mode, null, null, args));
    }
  }

  /** Problems of the mode so far, shown and silenced. */
  int count() {
    return report.count();
  }
}
