package io.mml.processor.validate;

import io.mml.processor.model.TypeRef;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Small questions about javac types that several validators ask: how to show one, name one, classify one. */
final class JavaTypes {
  private JavaTypes() {}

  /** The type as a reader writes it: simple names, type arguments kept. */
  static String display(TypeMirror t) {
    if (t instanceof DeclaredType d) {
      String base = d.asElement().getSimpleName().toString();
      if (d.getTypeArguments().isEmpty()) {
        return base;
      }
      return base + d.getTypeArguments().stream().map(JavaTypes::display).collect(Collectors.joining(", ", "<", ">"));
    }
    if (t.getKind() == TypeKind.ARRAY) {
      return display(((ArrayType) t).getComponentType()) + "[]";
    }
    return t.toString();
  }

  /** The package and nesting of a type, as the writers see it. */
  static TypeRef typeRef(Elements elements, TypeElement e) {
    Deque<String> names = new ArrayDeque<>();
    Element cur = e;
    while (cur instanceof TypeElement t) {
      names.addFirst(t.getSimpleName().toString());
      cur = t.getEnclosingElement();
    }
    return new TypeRef(elements.getPackageOf(e).getQualifiedName().toString(), List.copyOf(names));
  }

  /** Whether a thrown type is a checked exception (neither a RuntimeException nor an Error). */
  static boolean isChecked(Elements elements, Types types, TypeMirror t) {
    TypeElement runtime = elements.getTypeElement("java.lang.RuntimeException");
    TypeElement error = elements.getTypeElement("java.lang.Error");
    return !types.isSubtype(t, runtime.asType()) && !types.isSubtype(t, error.asType());
  }

  /** The non-empty value of a {@code static} String constant declared in the type itself, if any. */
  static Optional<String> stringConstant(TypeElement type, String field) {
    for (VariableElement f : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      if (f.getSimpleName().contentEquals(field) && f.getModifiers().contains(Modifier.STATIC)
          && f.getConstantValue() instanceof String s && !s.isEmpty()) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
