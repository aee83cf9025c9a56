package io.mml.processor.validate;

import static io.mml.processor.validate.Annotations.MODE;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The classes whose members make up a mode, where their problems are reported, and which
 * inherited members the generated routine can reach.
 *
 * <p>Classes at or above the lowest superclass that is a {@code @Mode} of this compilation are
 * silent: that mode reports their problems itself (see {@link MemberScope}).
 */
final class ModeHierarchy {
  static final String BASE_SCHEDULER = "io.mml.runtime.scheduler.AbstractBaseScheduler";

  private final Elements elements;
  private final Types types;
  /** Qualified names of the {@code @Mode} classes of this compilation (they report their own problems). */
  private final Set<String> sourceModes;

  ModeHierarchy(Elements elements, Types types, Set<String> sourceModes) {
    this.elements = elements;
    this.types = types;
    this.sourceModes = sourceModes;
  }

  /** Whether the class extends AbstractBaseScheduler, directly or not. */
  static boolean extendsBase(Types types, TypeElement type) {
    TypeMirror sup = type.getSuperclass();
    while (sup.getKind() == TypeKind.DECLARED) {
      TypeElement e = (TypeElement) types.asElement(sup);
      if (e.getQualifiedName().contentEquals(BASE_SCHEDULER)) {
        return true;
      }
      sup = e.getSuperclass();
    }
    return false;
  }

  boolean extendsBase(TypeElement type) {
    return extendsBase(types, type);
  }

  /**
   * The classes whose members make up the mode: the superclasses below AbstractBaseScheduler,
   * topmost first, then the class itself (only the class when it does not extend the base: MML-103).
   */
  List<TypeElement> of(TypeElement type) {
    if (type.getKind() != ElementKind.CLASS || !extendsBase(type)) {
      return List.of(type);
    }
    Deque<TypeElement> out = new ArrayDeque<>();
    out.add(type);
    TypeMirror sup = type.getSuperclass();
    while (sup.getKind() == TypeKind.DECLARED) {
      TypeElement e = (TypeElement) types.asElement(sup);
      if (e.getQualifiedName().contentEquals(BASE_SCHEDULER)) {
        break;
      }
      out.addFirst(e);
      sup = e.getSuperclass();
    }
    return List.copyOf(out);
  }

  /** The scopes of the hierarchy, in its order, reporting into the mode's report. */
  List<MemberScope> scopes(TypeElement type, List<TypeElement> hierarchy, ModeReport report) {
    int lastSilent = -1;
    for (int i = 0; i < hierarchy.size() - 1; i++) {
      TypeElement t = hierarchy.get(i);
      if (Annotations.find(t, MODE) != null && sourceModes.contains(t.getQualifiedName().toString())) {
        lastSilent = i;
      }
    }
    List<MemberScope> out = new ArrayList<>();
    for (int i = 0; i < hierarchy.size(); i++) {
      out.add(new MemberScope(type, hierarchy.get(i), i <= lastSilent, report));
    }
    return out;
  }

  /**
   * Why the generated routine, in the mode's package, cannot reach an inherited member, or
   * {@code null} when it can (private members are reported by their own rules).
   */
  String inaccessible(Element member, TypeElement owner, TypeElement mode) {
    Set<Modifier> mods = member.getModifiers();
    if (mods.contains(Modifier.PUBLIC) || mods.contains(Modifier.PRIVATE) || owner.equals(mode)) {
      return null;
    }
    if (elements.getPackageOf(owner).equals(elements.getPackageOf(mode))) {
      return null;
    }
    return mods.contains(Modifier.PROTECTED) ? "protected" : "package-private";
  }

  /** {@code package a.b}, or {@code the unnamed package}. */
  String packageName(Element e) {
    String p = elements.getPackageOf(e).getQualifiedName().toString();
    return p.isEmpty() ? "the unnamed package" : "package " + p;
  }
}
