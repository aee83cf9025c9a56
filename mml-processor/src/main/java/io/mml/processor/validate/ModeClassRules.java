package io.mml.processor.validate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The shape of a {@code @Mode} class, so the generated routine can create it: concrete (MML-101),
 * reachable from its package (MML-102), a scheduler (MML-103), with a usable no-argument
 * constructor (MML-104), not generic (MML-109).
 */
final class ModeClassRules {
  private final Elements elements;
  private final Types types;

  ModeClassRules(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  void check(TypeElement type, String name, ModeReport report) {
    if (type.getKind() != ElementKind.CLASS) {
      report.add(Problem.of(Message.MODE_ABSTRACT, type, null, null, name,
          "a" + (type.getKind() == ElementKind.INTERFACE || type.getKind() == ElementKind.ENUM ? "n " : " ")
              + type.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ')));
    } else if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      report.add(Problem.of(Message.MODE_ABSTRACT, type, null, null, name, "an abstract class"));
    }
    String access = accessProblem(type);
    if (access != null) {
      report.add(Problem.of(Message.MODE_NOT_ACCESSIBLE, type, null, null, name, access));
    }
    if (!type.getTypeParameters().isEmpty()) {
      String params = type.getTypeParameters().stream().map(p -> p.getSimpleName().toString())
          .collect(Collectors.joining(", "));
      report.add(Problem.of(Message.MODE_GENERIC, type, null, null, name, params));
    }
    if (type.getKind() == ElementKind.CLASS && !ModeHierarchy.extendsBase(types, type)) {
      TypeMirror sup = type.getSuperclass();
      report.add(Problem.of(Message.MODE_NOT_SCHEDULER, type, null, null, name,
          sup.getKind() == TypeKind.NONE ? "no superclass" : "a subclass of " + JavaTypes.display(sup)));
    }
    if (type.getKind() == ElementKind.CLASS && !type.getModifiers().contains(Modifier.ABSTRACT)) {
      String ctor = constructorProblem(type);
      if (ctor != null) {
        report.add(Problem.of(Message.MODE_NO_CONSTRUCTOR, type, null, null, name, ctor));
      }
    }
  }

  private static String accessProblem(TypeElement type) {
    if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
      return "it is a local or anonymous class";
    }
    if (type.getModifiers().contains(Modifier.PRIVATE)) {
      return "it is private";
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
      return "it is a non-static (inner) class, which needs an outer instance";
    }
    Element outer = type.getEnclosingElement();
    while (outer instanceof TypeElement t) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return "it is nested in the private class " + t.getQualifiedName();
      }
      outer = t.getEnclosingElement();
    }
    return null;
  }

  private String constructorProblem(TypeElement type) {
    List<ExecutableElement> ctors = ElementFilter.constructorsIn(type.getEnclosedElements());
    String reason = "it has only constructors with parameters";
    for (ExecutableElement c : ctors) {
      if (!c.getParameters().isEmpty()) {
        continue;
      }
      // The implicit constructor has the class's access, which MML-102 already reports.
      boolean implicit = elements.getOrigin(c) == Elements.Origin.MANDATED;
      if (c.getModifiers().contains(Modifier.PRIVATE) && !implicit) {
        reason = "its no-argument constructor is private";
        continue;
      }
      Optional<? extends TypeMirror> checked = c.getThrownTypes().stream()
          .filter(t -> JavaTypes.isChecked(elements, types, t)).findFirst();
      if (checked.isPresent()) {
        reason = "its no-argument constructor throws the checked exception " + JavaTypes.display(checked.get());
        continue;
      }
      return null;
    }
    return reason;
  }
}
