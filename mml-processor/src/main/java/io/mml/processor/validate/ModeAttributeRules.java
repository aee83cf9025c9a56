package io.mml.processor.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;

/**
 * The values written in {@code @Mode}: a valid id (MML-105) that no other mode of the compilation
 * uses (MML-106), and {@code group=option} defaults (MML-107).
 */
final class ModeAttributeRules {
  private final Annotations annotations;
  /** Mode id to the qualified name of the class that declared it first, over the whole compilation. */
  private final Map<String, String> ids;

  ModeAttributeRules(Annotations annotations, Map<String, String> ids) {
    this.annotations = annotations;
    this.ids = ids;
  }

  void checkId(TypeElement type, AnnotationMirror mode, String id, String name, ModeReport report) {
    AnnotationValue idValue = Annotations.explicit(mode, "id");
    if (!Names.IDENTIFIER.matcher(id).matches()) {
      report.add(Problem.of(Message.MODE_ID_INVALID, type, mode, idValue, id, name,
          Names.suggestIdentifier(id.isEmpty() ? type.getSimpleName().toString() : id)));
      return;
    }
    String first = ids.putIfAbsent(id, name);
    if (first != null && !first.equals(name)) {
      report.add(Problem.of(Message.MODE_ID_DUPLICATE, type, mode, idValue, id, name, first));
    }
  }

  /** The valid defaults, in declaration order. */
  List<String> checkDefaults(TypeElement type, AnnotationMirror mode, String name, ModeReport report) {
    List<String> out = new ArrayList<>();
    Object raw = annotations.value(mode, "defaults").getValue();
    if (!(raw instanceof List<?> list)) {
      return out;
    }
    for (Object o : list) {
      if (!(o instanceof AnnotationValue v) || !(v.getValue() instanceof String entry)) {
        continue;
      }
      int eq = entry.indexOf('=');
      boolean ok = eq > 0 && Names.GROUP_PART.matcher(entry.substring(0, eq)).matches()
          && Names.GROUP_PART.matcher(entry.substring(eq + 1)).matches();
      if (ok) {
        out.add(entry);
      } else {
        report.add(Problem.of(Message.MODE_DEFAULT_INVALID, type, mode, v, entry, name));
      }
    }
    return out;
  }
}
