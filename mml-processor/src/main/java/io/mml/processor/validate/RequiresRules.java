package io.mml.processor.validate;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;

/**
 * What a {@code @TaskTypeDef} requires of its samples: an OR of non-empty AND-sets of known
 * modalities (MML-416, MML-417), a known target for trainable types (MML-420, MML-417), and each
 * set's effective target (its own, else the type's) inside the set (MML-418).
 */
final class RequiresRules {
  /**
   * The checked requirements.
   *
   * @param sets the AND-sets of modality ids, in source order
   * @param effectiveTargets each set's target (its own, else the type's); empty when a set has none
   * @param target the type's own target, or ""
   * @param unknown whether an unknown modality was named (the declaration is deferred or fails)
   */
  record Requires(List<List<String>> sets, List<String> effectiveTargets, String target, boolean unknown) {}

  /** One {@code @Requires} set; not {@code checked} when it names an unknown modality (one diagnostic per mistake). */
  private record RequiredSet(List<String> ids, String target, AnnotationValue targetValue, boolean checked) {}

  private final Annotations annotations;
  private final ExtensionIdRules ids;

  RequiresRules(Annotations annotations, ExtensionIdRules ids) {
    this.annotations = annotations;
    this.ids = ids;
  }

  /**
   * Checks the {@code requires} sets and the targets of one task type.
   *
   * @param id the task type's id, for the messages
   * @param trainable whether the task type is trainable (it then needs a target)
   */
  Requires check(TypeElement type, AnnotationMirror m, String id, boolean trainable, List<Problem> problems) {
    String name = type.getQualifiedName().toString();
    List<RequiredSet> sets = sets(type, m, id, name, problems);
    boolean unknown = sets.stream().anyMatch(s -> !s.checked());
    if (sets.isEmpty()) {
      problems.add(Problem.of(Message.TASK_TYPE_NO_REQUIRES, type, m, Annotations.explicit(m, "requires"), id, name,
          "declares no required modalities (requires is empty)"));
    }

    String target = annotations.string(m, "target");
    AnnotationValue targetValue = Annotations.explicit(m, "target");
    boolean targetKnown = true;
    if (target.isEmpty()) {
      if (trainable && sets.stream().anyMatch(s -> s.target().isEmpty())) {
        problems.add(Problem.of(Message.TASK_TYPE_NO_TARGET, type, m, targetValue, id, name));
      }
    } else if (ids.unknownModality(type, m, targetValue, id, name, target, "target", problems)) {
      unknown = true;
      targetKnown = false;
    }
    List<String> effective = new ArrayList<>();
    for (RequiredSet set : sets) {
      boolean own = !set.target().isEmpty();
      String t = own ? set.target() : target;
      effective.add(t);
      if (t.isEmpty() || !set.checked() || (!own && !targetKnown) || set.ids().isEmpty() || set.ids().contains(t)) {
        continue;
      }
      problems.add(Problem.of(Message.TASK_TYPE_TARGET_NOT_REQUIRED, type, m, own ? set.targetValue() : targetValue,
          t, id, name, "{" + String.join(", ", set.ids()) + "}", t));
      if (!own) {
        break; // one report for the type's target is enough
      }
    }
    if (effective.stream().anyMatch(String::isEmpty)) {
      effective.clear();
    }
    return new Requires(sets.stream().map(RequiredSet::ids).toList(), effective, target, unknown);
  }

  /** The {@code requires} sets as written, each modality reported when unknown and an empty set reported. */
  private List<RequiredSet> sets(TypeElement type, AnnotationMirror m, String id, String name, List<Problem> problems) {
    List<RequiredSet> out = new ArrayList<>();
    if (!(annotations.value(m, "requires").getValue() instanceof List<?> sets)) {
      return out;
    }
    for (Object o : sets) {
      if (!(o instanceof AnnotationValue setValue) || !(setValue.getValue() instanceof AnnotationMirror set)) {
        continue;
      }
      List<String> modalities = new ArrayList<>();
      boolean setHasUnknown = false;
      Object raw = annotations.value(set, "value").getValue();
      if (raw instanceof List<?> list) {
        for (Object v : list) {
          if (v instanceof AnnotationValue av && av.getValue() instanceof String modality) {
            if (!modalities.contains(modality)) {
              modalities.add(modality);
            }
            setHasUnknown |= ids.unknownModality(type, m, av, id, name, modality, "requires", problems);
          }
        }
      }
      String setTarget = annotations.string(set, "target");
      AnnotationValue setTargetValue = Annotations.explicit(set, "target");
      if (!setTarget.isEmpty()) {
        setHasUnknown |= ids.unknownModality(type, m, setTargetValue, id, name, setTarget, "@Requires target",
            problems);
      }
      if (modalities.isEmpty()) {
        problems.add(Problem.of(Message.TASK_TYPE_NO_REQUIRES, type, m, setValue, id, name,
            "has an empty @Requires set, which every sample would satisfy"));
      }
      out.add(new RequiredSet(modalities, setTarget, setTargetValue, !setHasUnknown));
    }
    return out;
  }
}
