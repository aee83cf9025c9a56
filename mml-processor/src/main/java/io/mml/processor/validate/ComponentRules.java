package io.mml.processor.validate;

import io.mml.processor.model.TypeRef;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The component classes an extension names (a modality's loader and verifier, a task type's head,
 * loss and metrics), which the generated provider creates: present when required (the caller's
 * message, e.g. MML-403), implementing the component's interface (MML-405), and instantiable with
 * a public no-argument constructor (MML-406).
 */
final class ComponentRules {
  /** A checked component: its reference and element, or nulls when missing or invalid. */
  record Component(TypeRef ref, TypeElement element) {
    static final Component NONE = new Component(null, null);
  }

  private final Elements elements;
  private final Types types;
  private final Annotations annotations;

  ComponentRules(Elements elements, Types types, Annotations annotations) {
    this.elements = elements;
    this.types = types;
    this.annotations = annotations;
  }

  /** A required class member: missing (void.class) is {@code missing}; otherwise it is checked. */
  Component required(TypeElement type, AnnotationMirror m, String member, String label, String iface,
      Message missing, String id, List<Problem> problems) {
    AnnotationValue v = annotations.value(m, member);
    if (isVoid(v)) {
      problems.add(Problem.of(missing, type, m, Annotations.explicit(m, member), id, type.getQualifiedName()));
      return Component.NONE;
    }
    return check(type, m, v, label, iface, problems);
  }

  /** The class named by {@code v}, checked against {@code iface}; {@link Component#NONE} when it fails. */
  Component check(TypeElement type, AnnotationMirror m, AnnotationValue v, String label, String iface,
      List<Problem> problems) {
    if (!(v.getValue() instanceof DeclaredType d) || d.getKind() == TypeKind.ERROR) {
      return Component.NONE; // javac reports the unresolvable class itself
    }
    TypeElement c = (TypeElement) d.asElement();
    String cName = c.getQualifiedName().toString();
    String declName = type.getQualifiedName().toString();
    TypeElement ifaceElement = elements.getTypeElement(iface);
    if (ifaceElement != null && !types.isAssignable(types.erasure(c.asType()), types.erasure(ifaceElement.asType()))) {
      problems.add(Problem.of(Message.COMPONENT_WRONG_TYPE, type, m, v, label, cName, declName, iface));
      return Component.NONE;
    }
    String reason = instantiationProblem(c);
    if (reason != null) {
      problems.add(Problem.of(Message.COMPONENT_NOT_INSTANTIABLE, type, m, v, label, cName, declName, reason));
      return Component.NONE;
    }
    return new Component(JavaTypes.typeRef(elements, c), c);
  }

  /** Whether a class member names {@code void.class}, the "none" default. */
  static boolean isVoid(AnnotationValue v) {
    return v.getValue() instanceof TypeMirror t && t.getKind() == TypeKind.VOID;
  }

  private String instantiationProblem(TypeElement c) {
    if (c.getKind() != ElementKind.CLASS) {
      return "it is " + (c.getKind() == ElementKind.INTERFACE || c.getKind() == ElementKind.ENUM ? "an " : "a ")
          + c.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
    if (c.getModifiers().contains(Modifier.ABSTRACT)) {
      return "it is abstract";
    }
    if (c.getNestingKind() == NestingKind.LOCAL || c.getNestingKind() == NestingKind.ANONYMOUS) {
      return "it is a local or anonymous class";
    }
    Element cur = c;
    while (cur instanceof TypeElement t) {
      if (!t.getModifiers().contains(Modifier.PUBLIC)) {
        return t == c ? "it is not public" : "it is nested in the non-public class " + t.getQualifiedName();
      }
      if (t.getNestingKind() == NestingKind.MEMBER && !t.getModifiers().contains(Modifier.STATIC)) {
        return t == c ? "it is an inner (non-static) class" : "it is nested in the inner class " + t.getQualifiedName();
      }
      cur = t.getEnclosingElement();
    }
    if (!c.getTypeParameters().isEmpty()) {
      return "it is generic";
    }
    boolean sawNoArg = false;
    for (ExecutableElement ctor : ElementFilter.constructorsIn(c.getEnclosedElements())) {
      if (!ctor.getParameters().isEmpty()) {
        continue;
      }
      sawNoArg = true;
      if (!ctor.getModifiers().contains(Modifier.PUBLIC)) {
        continue;
      }
      if (ctor.getThrownTypes().stream().anyMatch(t -> JavaTypes.isChecked(elements, types, t))) {
        return "its no-argument constructor throws a checked exception";
      }
      return null;
    }
    return sawNoArg ? "its no-argument constructor is not public" : "it has no no-argument constructor";
  }
}
