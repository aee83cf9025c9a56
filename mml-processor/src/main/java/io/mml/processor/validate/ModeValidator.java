package io.mml.processor.validate;

import static io.mml.processor.validate.Annotations.MODE;
import static io.mml.processor.validate.Annotations.PARAM;
import static io.mml.processor.validate.Annotations.SUBROUTINE;

import io.mml.processor.model.ModeModel;
import io.mml.processor.model.ParamModel;
import io.mml.processor.model.SubroutineModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks one {@code @Mode} class against every rule and, when it is clean, builds its
 * {@link ModeModel}. All problems of the class are returned at once. This class only orders the
 * rules: {@link ModeClassRules}, {@link ModeAttributeRules}, then over the hierarchy
 * {@link SubroutineRules} (with {@link ResourcesRules}) and {@link ParamRules}.
 *
 * <p>The mode's members are the {@code @Subroutine} methods and {@code @Param} fields of its
 * superclasses below {@code AbstractBaseScheduler}, topmost class first, then its own; each
 * class's members in declaration order (for class files javac keeps that order too). A
 * superclass may be a mode itself, an abstract base, in this compilation or on the class path.
 * An overriding method keeps the inherited step's place and name (the routine's call dispatches
 * virtually); it may repeat {@code @Subroutine} only with the same name, and then its own
 * {@code @PerTask} and {@code @Resources} replace the inherited ones.
 *
 * <p>Where problems go: a member of the class itself is reported on the member. A problem of an
 * inherited member is reported on the class being validated, naming the member and its class,
 * unless that class (or a class between it and this one) is a {@code @Mode} of this compilation:
 * then it was reported there already, and this class only fails silently (one diagnostic per
 * problem; see {@link ModeHierarchy} and {@link MemberScope}). Inherited members the generated
 * routine cannot reach from this class's package are MML-211 (methods) and MML-309 (fields).
 */
public final class ModeValidator {
  /**
   * The outcome for one class.
   *
   * @param model the model, present when the class has no errors
   * @param problems every problem found (warnings may accompany a model)
   * @param unresolved the name of a type that does not exist (yet); the class was not checked
   */
  public record Result(Optional<ModeModel> model, List<Problem> problems, Optional<String> unresolved) {}

  private final Elements elements;
  private final Types types;
  private final Annotations annotations;
  private final ModeHierarchy hierarchy;
  private final ModeClassRules classRules;
  private final ModeAttributeRules attributeRules;
  private final SubroutineRules subroutineRules;
  private final ParamRules paramRules;

  /**
   * @param ids mode id to the class that declared it first, filled over the whole compilation
   * @param sourceModes the qualified names of the {@code @Mode} classes of this compilation, read
   *     at each validation (the caller may keep adding to it)
   */
  public ModeValidator(Elements elements, Types types, Map<String, String> ids, Set<String> sourceModes) {
    this.elements = elements;
    this.types = types;
    this.annotations = new Annotations(elements);
    this.hierarchy = new ModeHierarchy(elements, types, sourceModes);
    this.classRules = new ModeClassRules(elements, types);
    this.attributeRules = new ModeAttributeRules(annotations, ids);
    this.subroutineRules = new SubroutineRules(elements, types, annotations, hierarchy);
    this.paramRules = new ParamRules(annotations, new ParamTypes(elements, types), hierarchy);
  }

  /** Validates the class; the caller defers it when {@link Result#unresolved()} is present. */
  public Result validate(TypeElement type) {
    Optional<String> missing = findUnresolved(type);
    if (missing.isPresent()) {
      return new Result(Optional.empty(), List.of(), missing);
    }
    ModeReport report = new ModeReport();
    AnnotationMirror mode = Annotations.find(type, MODE);
    String name = type.getQualifiedName().toString();

    classRules.check(type, name, report);
    String id = annotations.string(mode, "id");
    attributeRules.checkId(type, mode, id, name, report);
    List<String> defaults = attributeRules.checkDefaults(type, mode, name, report);

    List<TypeElement> classes = hierarchy.of(type);
    List<MemberScope> scopes = hierarchy.scopes(type, classes, report);
    List<SubroutineModel> subroutines = subroutineRules.check(type, scopes, report);
    List<ParamModel> params = paramRules.check(type, scopes, report);

    boolean anySubroutine = classes.stream().flatMap(t -> ElementFilter.methodsIn(t.getEnclosedElements()).stream())
        .anyMatch(m -> Annotations.find(m, SUBROUTINE) != null);
    if (!anySubroutine) {
      report.add(Problem.of(Message.MODE_NO_SUBROUTINES, type, null, null, name));
    }
    // A silenced problem was reported on a superclass mode of this compilation; this mode fails with it.
    if (report.hasErrors()) {
      return new Result(Optional.empty(), report.shown(), Optional.empty());
    }
    ModeModel model = new ModeModel(JavaTypes.typeRef(elements, type), id, annotations.string(mode, "description"),
        defaults, subroutines, params, usesDeprecated(classes),
        elements.getTypeElement("javax.annotation.processing.Generated") != null);
    return new Result(Optional.of(model), report.shown(), Optional.empty());
  }

  /** The name of the first type in the class's signature-relevant positions that does not exist. */
  private Optional<String> findUnresolved(TypeElement type) {
    TypeMirror sup = type.getSuperclass();
    while (sup.getKind() == TypeKind.DECLARED) {
      sup = ((TypeElement) types.asElement(sup)).getSuperclass();
    }
    if (sup.getKind() == TypeKind.ERROR) {
      return Optional.of(sup.toString());
    }
    for (Element member : hierarchy.of(type).stream().flatMap(t -> t.getEnclosedElements().stream()).toList()) {
      if (member instanceof ExecutableElement m && Annotations.find(m, SUBROUTINE) != null) {
        for (VariableElement p : m.getParameters()) {
          if (p.asType().getKind() == TypeKind.ERROR) {
            return Optional.of(p.asType().toString());
          }
        }
      }
      if (member instanceof VariableElement f && Annotations.find(f, PARAM) != null && isErroneous(f.asType())) {
        return Optional.of(f.asType().toString());
      }
    }
    return Optional.empty();
  }

  private static boolean isErroneous(TypeMirror t) {
    if (t.getKind() == TypeKind.ERROR) {
      return true;
    }
    return t instanceof DeclaredType d && d.getTypeArguments().stream().anyMatch(ModeValidator::isErroneous);
  }

  /** Whether the class or a member the routine touches is deprecated (the routine then suppresses the warning). */
  private boolean usesDeprecated(List<TypeElement> classes) {
    if (elements.isDeprecated(classes.get(classes.size() - 1))) {
      return true;
    }
    for (Element member : classes.stream().flatMap(t -> t.getEnclosedElements().stream()).toList()) {
      boolean used = Annotations.find(member, SUBROUTINE) != null || Annotations.find(member, PARAM) != null;
      if (used && elements.isDeprecated(member)) {
        return true;
      }
      if (used && member instanceof VariableElement f && f.asType() instanceof DeclaredType d
          && elements.isDeprecated(d.asElement())) {
        return true;
      }
    }
    return false;
  }
}
