package io.mml.processor.step;

import io.mml.processor.validate.Annotations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Gathers the round's annotated elements, plus the classes deferred by earlier rounds, each kind
 * sorted by name. It also records the round's modes and their superclasses before any is
 * validated: a subclass mode must know which superclass modes report for themselves, and the
 * orphan check must know which classes modes inherit from.
 */
final class CollectStep implements ProcessingStep {
  private static final List<String> MEMBER_ANNOTATIONS =
      List.of(Annotations.SUBROUTINE, Annotations.PER_TASK, Annotations.RESOURCES, Annotations.PARAM);

  private final Elements elements;
  private final Types types;
  private final CompilationState state;

  CollectStep(Elements elements, Types types, CompilationState state) {
    this.elements = elements;
    this.types = types;
    this.state = state;
  }

  @Override
  public void run(Round round) {
    round.modes.addAll(annotated(round, Annotations.MODE, state.deferredModes.keySet()));
    state.deferredModes.clear();
    for (TypeElement t : round.modes) {
      state.sourceModes.add(t.getQualifiedName().toString());
      TypeMirror sup = t.getSuperclass();
      while (sup.getKind() == TypeKind.DECLARED) {
        TypeElement e = (TypeElement) types.asElement(sup);
        state.modeSuperclasses.add(e.getQualifiedName().toString());
        sup = e.getSuperclass();
      }
    }
    round.modalities.addAll(annotated(round, Annotations.MODALITY_DEF, Set.of()));
    round.taskTypes.addAll(annotated(round, Annotations.TASK_TYPE_DEF, state.deferredTaskTypes));
    state.deferredTaskTypes.clear();
    for (String name : MEMBER_ANNOTATIONS) {
      TypeElement annotation = elements.getTypeElement(name);
      if (annotation != null) {
        round.members.addAll(round.env().getElementsAnnotatedWith(annotation));
      }
    }
  }

  /** The classes annotated with the annotation in this round, plus the named ones, sorted by name. */
  private List<TypeElement> annotated(Round round, String annotationName, Collection<String> also) {
    Set<TypeElement> out = new LinkedHashSet<>();
    for (String name : also) {
      TypeElement t = elements.getTypeElement(name);
      if (t != null) {
        out.add(t);
      }
    }
    TypeElement annotation = elements.getTypeElement(annotationName);
    if (annotation != null) {
      for (Element e : round.env().getElementsAnnotatedWith(annotation)) {
        if (e instanceof TypeElement t) {
          out.add(t);
        }
      }
    }
    List<TypeElement> sorted = new ArrayList<>(out);
    sorted.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
    return sorted;
  }
}
