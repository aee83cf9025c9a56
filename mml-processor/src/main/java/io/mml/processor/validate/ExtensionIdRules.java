package io.mml.processor.validate;

import io.mml.processor.model.RegistryMarkers;
import io.mml.processor.model.TypeRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The ids of {@code @ModalityDef} and {@code @TaskTypeDef}: valid (MML-401, MML-410) and declared
 * once over the compilation and the class path's marker classes (MML-402, MML-411); and the
 * modalities a task type names, which must be known (MML-417). It remembers the ids declared so
 * far, so it lives for the whole compilation.
 */
final class ExtensionIdRules {
  private final Elements elements;
  /** Modality id to the declaring class, in this compilation. */
  private final Map<String, String> modalityIds = new TreeMap<>();
  /** Task type id to the declaring class, in this compilation. */
  private final Map<String, String> taskTypeIds = new TreeMap<>();

  ExtensionIdRules(Elements elements) {
    this.elements = elements;
  }

  /** Checks and registers the id of a {@code @ModalityDef} class. */
  void checkModalityId(TypeElement type, AnnotationMirror m, String id, List<Problem> problems) {
    check(type, m, id, Message.MODALITY_ID_INVALID, Message.MODALITY_ID_DUPLICATE, modalityIds,
        RegistryMarkers::modality, problems);
  }

  /** Checks and registers the id of a {@code @TaskTypeDef} class. */
  void checkTaskTypeId(TypeElement type, AnnotationMirror m, String id, List<Problem> problems) {
    check(type, m, id, Message.TASK_TYPE_ID_INVALID, Message.TASK_TYPE_ID_DUPLICATE, taskTypeIds,
        RegistryMarkers::taskType, problems);
  }

  private void check(TypeElement type, AnnotationMirror m, String id, Message invalid, Message duplicate,
      Map<String, String> ids, Function<String, TypeRef> marker, List<Problem> problems) {
    String name = type.getQualifiedName().toString();
    AnnotationValue idValue = Annotations.explicit(m, "id");
    if (!Names.IDENTIFIER.matcher(id).matches()) {
      problems.add(Problem.of(invalid, type, m, idValue, id, name,
          Names.suggestIdentifier(id.isEmpty() ? type.getSimpleName().toString() : id)));
      return;
    }
    String other = firstDeclarer(ids, id, name, marker.apply(id));
    if (other != null) {
      problems.add(Problem.of(duplicate, type, m, idValue, id, name, other));
    }
  }

  /**
   * Registers the id for this class and returns another declarer, or null: first in this
   * compilation, then a marker on the class path (a marker for the same class is an earlier build).
   */
  private String firstDeclarer(Map<String, String> ids, String id, String name, TypeRef marker) {
    String first = ids.putIfAbsent(id, name);
    if (first != null && !first.equals(name)) {
      return first;
    }
    TypeElement m = elements.getTypeElement(marker.canonicalName());
    if (m != null) {
      Optional<String> by = JavaTypes.stringConstant(m, RegistryMarkers.DECLARED_BY);
      if (by.isPresent() && !by.get().equals(name)) {
        return by.get() + " (on the class path)";
      }
    }
    return null;
  }

  /**
   * Reports an unknown modality (returns true) with a "did you mean" over all known ones.
   *
   * @param v the value naming it; {@code id} and {@code name} are the task type's
   * @param where the member it is named in, for the message
   */
  boolean unknownModality(TypeElement type, AnnotationMirror m, AnnotationValue v, String id, String name,
      String modality, String where, List<Problem> problems) {
    if (isKnownModality(modality)) {
      return false;
    }
    Set<String> known = knownModalities();
    String hint = Names.closest(modality, known).map(c -> " Did you mean '" + c + "'?").orElse("");
    problems.add(Problem.of(Message.TASK_TYPE_UNKNOWN_MODALITY, type, m, v, id, name, modality, where, hint,
        known.isEmpty() ? "none" : String.join(", ", known)));
    return true;
  }

  private boolean isKnownModality(String id) {
    return modalityIds.containsKey(id)
        || (Names.IDENTIFIER.matcher(id).matches()
            && elements.getTypeElement(RegistryMarkers.modality(id).canonicalName()) != null);
  }

  /** Modality ids of this compilation and of every marker on the class path, sorted. */
  Set<String> knownModalities() {
    Set<String> known = new TreeSet<>(modalityIds.keySet());
    PackageElement pkg = elements.getPackageElement(RegistryMarkers.MODALITY_PACKAGE);
    if (pkg != null) {
      for (Element e : pkg.getEnclosedElements()) {
        String simple = e.getSimpleName().toString();
        if (simple.startsWith(RegistryMarkers.MODALITY_PREFIX)) {
          known.add(simple.substring(RegistryMarkers.MODALITY_PREFIX.length()));
        }
      }
    }
    return known;
  }
}
