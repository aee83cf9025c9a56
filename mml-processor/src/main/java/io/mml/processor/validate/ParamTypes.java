package io.mml.processor.validate;

import io.mml.processor.model.ParamKind;
import io.mml.processor.model.TypeRef;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** The Java types a {@code @Param} field may have, and how each is bound and shown. */
final class ParamTypes {
  /**
   * How one field type is bound.
   *
   * @param kind the field's kind
   * @param scalar for BOXED and LIST the kind of the box or element, else the kind itself (STRING for PATH and ENUM)
   * @param valueType the boxed, element or enum type, when the routine must name it
   * @param display the type as messages and the generated files show it
   * @param constants the constants of an enum
   */
  record ParamType(ParamKind kind, ParamKind scalar, Optional<TypeRef> valueType, String display, List<String> constants) {}

  private final Elements elements;
  private final Types types;

  ParamTypes(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** How a field of this type is bound, or {@code null} when @Param does not support the type (MML-303). */
  ParamType of(TypeMirror t) {
    switch (t.getKind()) {
      case INT: return new ParamType(ParamKind.INT, ParamKind.INT, Optional.empty(), "int", List.of());
      case LONG: return new ParamType(ParamKind.LONG, ParamKind.LONG, Optional.empty(), "long", List.of());
      case DOUBLE: return new ParamType(ParamKind.DOUBLE, ParamKind.DOUBLE, Optional.empty(), "double", List.of());
      case FLOAT: return new ParamType(ParamKind.FLOAT, ParamKind.FLOAT, Optional.empty(), "float", List.of());
      case BOOLEAN: return new ParamType(ParamKind.BOOLEAN, ParamKind.BOOLEAN, Optional.empty(), "boolean", List.of());
      case DECLARED: break;
      default: return null;
    }
    DeclaredType d = (DeclaredType) t;
    TypeElement e = (TypeElement) d.asElement();
    String qn = e.getQualifiedName().toString();
    ParamKind box = boxKind(qn);
    if (box != null) {
      return new ParamType(ParamKind.BOXED, box, Optional.of(JavaTypes.typeRef(elements, e)), e.getSimpleName().toString(), List.of());
    }
    switch (qn) {
      case "java.lang.String":
        return new ParamType(ParamKind.STRING, ParamKind.STRING, Optional.empty(), "String", List.of());
      case "java.nio.file.Path":
        return new ParamType(ParamKind.PATH, ParamKind.STRING, Optional.empty(), "Path", List.of());
      case "java.util.List": {
        if (d.getTypeArguments().size() != 1 || d.getTypeArguments().get(0).getKind() != TypeKind.DECLARED) {
          return null;
        }
        TypeElement el = (TypeElement) types.asElement(d.getTypeArguments().get(0));
        String eqn = el.getQualifiedName().toString();
        ParamKind scalar = eqn.equals("java.lang.String") ? ParamKind.STRING : boxKind(eqn);
        if (scalar == null || scalar == ParamKind.FLOAT) {
          return null;
        }
        return new ParamType(ParamKind.LIST, scalar, Optional.of(JavaTypes.typeRef(elements, el)),
            "List<" + el.getSimpleName() + ">", List.of());
      }
      default:
        break;
    }
    if (e.getKind() == ElementKind.ENUM) {
      List<String> constants = e.getEnclosedElements().stream()
          .filter(x -> x.getKind() == ElementKind.ENUM_CONSTANT)
          .map(x -> x.getSimpleName().toString()).toList();
      TypeRef ref = JavaTypes.typeRef(elements, e);
      return new ParamType(ParamKind.ENUM, ParamKind.STRING, Optional.of(ref), ref.nestedName(), constants);
    }
    return null;
  }

  private static ParamKind boxKind(String qn) {
    return switch (qn) {
      case "java.lang.Integer" -> ParamKind.INT;
      case "java.lang.Long" -> ParamKind.LONG;
      case "java.lang.Double" -> ParamKind.DOUBLE;
      case "java.lang.Float" -> ParamKind.FLOAT;
      case "java.lang.Boolean" -> ParamKind.BOOLEAN;
      default -> null;
    };
  }
}
