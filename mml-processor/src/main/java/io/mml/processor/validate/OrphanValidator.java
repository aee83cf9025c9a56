package io.mml.processor.validate;

import static io.mml.processor.validate.Annotations.MODE;
import static io.mml.processor.validate.Annotations.PARAM;
import static io.mml.processor.validate.Annotations.PER_TASK;
import static io.mml.processor.validate.Annotations.RESOURCES;
import static io.mml.processor.validate.Annotations.SUBROUTINE;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Types;

/**
 * Reports member annotations outside a {@code @Mode} class (MML-207, MML-307) and {@code @PerTask}
 * or {@code @Resources} without {@code @Subroutine} there (MML-208). Members of {@code @Mode}
 * classes are left to {@link ModeValidator}, so nothing is reported twice; so are members of
 * classes that modes inherit from: abstract schedulers (their subclasses may be compiled later)
 * and superclasses of a {@code @Mode} class of this compilation. Their problems are reported on
 * the mode that inherits them.
 */
public final class OrphanValidator {
  private final Types types;
  private final Set<String> modeSuperclasses;

  /**
   * @param modeSuperclasses the qualified names of the superclasses of the {@code @Mode} classes
   *     of this compilation, read at each check (the caller may keep adding to it)
   */
  public OrphanValidator(Types types, Set<String> modeSuperclasses) {
    this.types = types;
    this.modeSuperclasses = modeSuperclasses;
  }

  /** The problems of one annotated member, or none when it belongs to a {@code @Mode} class or a base of modes. */
  public List<Problem> check(Element member) {
    List<Problem> problems = new ArrayList<>();
    Element owner = member.getEnclosingElement();
    if (owner instanceof TypeElement t && (Annotations.find(t, MODE) != null || isModeBase(t))) {
      return problems;
    }
    String ownerName = owner instanceof TypeElement t ? t.getQualifiedName().toString() : owner.toString();
    String name = member.getSimpleName().toString();
    if (member.getKind() == ElementKind.METHOD) {
      AnnotationMirror sub = Annotations.find(member, SUBROUTINE);
      if (sub != null) {
        problems.add(Problem.of(Message.SUBROUTINE_WITHOUT_MODE, member, sub, null, name, ownerName));
        return problems;
      }
      AnnotationMirror perTask = Annotations.find(member, PER_TASK);
      if (perTask != null) {
        problems.add(Problem.of(Message.COMPANION_WITHOUT_SUBROUTINE, member, perTask, null, "PerTask", name, "PerTask"));
      }
      AnnotationMirror res = Annotations.find(member, RESOURCES);
      if (res != null) {
        problems.add(Problem.of(Message.COMPANION_WITHOUT_SUBROUTINE, member, res, null, "Resources", name, "Resources"));
      }
    } else {
      AnnotationMirror param = Annotations.find(member, PARAM);
      if (param != null) {
        problems.add(Problem.of(Message.PARAM_WITHOUT_MODE, member, param, null, name, ownerName));
      }
    }
    return problems;
  }

  private boolean isModeBase(TypeElement t) {
    if (modeSuperclasses.contains(t.getQualifiedName().toString())) {
      return true;
    }
    return t.getKind() == ElementKind.CLASS && t.getModifiers().contains(Modifier.ABSTRACT)
        && ModeHierarchy.extendsBase(types, t);
  }
}
