package io.mml.processor.validate;

import static io.mml.processor.validate.Annotations.PARAM;

import io.mml.processor.model.ParamModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * The {@code @Param} fields of a mode's hierarchy: modifiers (MML-301, MML-302, MML-305), keys
 * (MML-306, MML-308), types (MML-303), defaults that parse as the type (MML-304) and reachability
 * of inherited fields (MML-309).
 */
final class ParamRules {
  private final Annotations annotations;
  private final ParamTypes paramTypes;
  private final ModeHierarchy hierarchy;

  ParamRules(Annotations annotations, ParamTypes paramTypes, ModeHierarchy hierarchy) {
    this.annotations = annotations;
    this.paramTypes = paramTypes;
    this.hierarchy = hierarchy;
  }

  /** The parameters of the mode, in hierarchy order; reports every problem of the hierarchy's fields. */
  List<ParamModel> check(TypeElement type, List<MemberScope> scopes, ModeReport report) {
    List<ParamModel> out = new ArrayList<>();
    Map<String, VariableElement> byKey = new HashMap<>();
    for (MemberScope scope : scopes) {
      TypeElement owner = scope.owner();
      for (VariableElement f : ElementFilter.fieldsIn(owner.getEnclosedElements())) {
        AnnotationMirror param = Annotations.find(f, PARAM);
        if (param == null) {
          continue;
        }
        int before = scope.count();
        String field = f.getSimpleName().toString();
        String label = scope.label(f);
        if (f.getModifiers().contains(Modifier.FINAL)) {
          scope.report(Message.PARAM_FINAL, f, null, null, label);
        }
        if (f.getModifiers().contains(Modifier.STATIC)) {
          scope.report(Message.PARAM_STATIC, f, null, null, label);
        }
        if (f.getModifiers().contains(Modifier.PRIVATE)) {
          scope.report(Message.PARAM_PRIVATE, f, null, null, label);
        }
        String explicitKey = annotations.string(param, "key");
        String key = explicitKey.isEmpty() ? Names.snakeCase(field) : explicitKey;
        if (!Names.IDENTIFIER.matcher(key).matches()) {
          scope.report(Message.PARAM_KEY_INVALID, f, param, Annotations.explicit(param, "key"), key, label,
              Names.suggestIdentifier(key));
        } else {
          VariableElement first = byKey.putIfAbsent(key, f);
          if (first != null && first.getEnclosingElement().equals(owner)) {
            scope.report(Message.PARAM_DUPLICATE, f, param, Annotations.explicit(param, "key"), key, label,
                first.getSimpleName().toString());
          } else if (first != null) {
            scope.report(Message.PARAM_INHERITED_DUPLICATE, f, param, Annotations.explicit(param, "key"), key, field,
                owner.getQualifiedName(), first.getSimpleName(), ((TypeElement) first.getEnclosingElement()).getQualifiedName());
          }
        }
        ParamTypes.ParamType pt = paramTypes.of(f.asType());
        String yaml = null;
        if (pt == null) {
          scope.report(Message.PARAM_TYPE, f, null, null, label, JavaTypes.display(f.asType()));
        } else {
          String raw = annotations.string(param, "defaultValue");
          DefaultValues.Parsed parsed = DefaultValues.parse(raw, pt.kind(), pt.scalar(), pt.constants());
          if (parsed.error() != null) {
            scope.report(Message.PARAM_DEFAULT, f, param, Annotations.explicit(param, "defaultValue"),
                raw, label, pt.display(), parsed.error());
          }
          yaml = parsed.yaml();
        }
        if (scope.count() != before) {
          continue;
        }
        String why = hierarchy.inaccessible(f, owner, type);
        if (why != null) {
          report.add(Problem.of(Message.PARAM_NOT_ACCESSIBLE, type, null, null, field, owner.getQualifiedName(),
              hierarchy.packageName(type), type.getQualifiedName(), why, hierarchy.packageName(owner)));
          continue;
        }
        out.add(new ParamModel(field, key, pt.kind(), pt.valueType(), pt.display(), yaml,
            annotations.string(param, "doc")));
      }
    }
    return out;
  }
}
