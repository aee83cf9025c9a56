package io.mml.processor.validate;

import static io.mml.processor.validate.Annotations.MODE;
import static io.mml.processor.validate.Annotations.PARAM;
import static io.mml.processor.validate.Annotations.PER_TASK;
import static io.mml.processor.validate.Annotations.RESOURCES;
import static io.mml.processor.validate.Annotations.SUBROUTINE;

import io.mml.processor.model.ModeModel;
import io.mml.processor.model.ParamKind;
import io.mml.processor.model.ParamModel;
import io.mml.processor.model.ResourcesModel;
import io.mml.processor.model.StepKindModel;
import io.mml.processor.model.SubroutineModel;
import io.mml.processor.model.TaskArg;
import io.mml.processor.model.TypeRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
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
 * {@link ModeModel}. All problems of the class are returned at once.
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
 * problem). Inherited members the generated routine cannot reach from this class's package are
 * MML-211 (methods) and MML-309 (fields).
 */
public final class ModeValidator {
  static final String BASE_SCHEDULER = "io.mml.runtime.scheduler.AbstractBaseScheduler";
  static final String TASK_STRUCT = "io.mml.runtime.tasks.TaskStruct";
  private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]*[KMGT]");
  private static final Pattern TIME = Pattern.compile("[0-9]+:[0-5][0-9]|([0-9]+-)?[0-9]+:[0-5][0-9]:[0-5][0-9]");
  private static final Set<String> RESERVED_SUBROUTINES = Set.of("prepare", "finish");

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
  /** Mode id to the qualified name of the class that declared it first, over the whole compilation. */
  private final Map<String, String> ids;
  /** Qualified names of the {@code @Mode} classes of this compilation (they report their own problems). */
  private final Set<String> sourceModes;

  public ModeValidator(Elements elements, Types types, Map<String, String> ids) {
    this(elements, types, ids, Set.of());
  }

  /**
   * @param sourceModes the qualified names of the {@code @Mode} classes of this compilation, read
   *     at each validation (the caller may keep adding to it)
   */
  public ModeValidator(Elements elements, Types types, Map<String, String> ids, Set<String> sourceModes) {
    this.elements = elements;
    this.types = types;
    this.annotations = new Annotations(elements);
    this.ids = ids;
    this.sourceModes = sourceModes;
  }

  /** Validates the class; the caller defers it when {@link Result#unresolved()} is present. */
  public Result validate(TypeElement type) {
    Optional<String> missing = findUnresolved(type);
    if (missing.isPresent()) {
      return new Result(Optional.empty(), List.of(), missing);
    }
    List<Problem> problems = new ArrayList<>();
    AnnotationMirror mode = Annotations.find(type, MODE);
    String name = type.getQualifiedName().toString();

    checkClass(type, mode, name, problems);
    String id = annotations.string(mode, "id");
    checkId(type, mode, id, name, problems);
    List<String> defaults = checkDefaults(type, mode, name, problems);

    List<TypeElement> hierarchy = hierarchy(type);
    List<Problem> silenced = new ArrayList<>();
    List<SubroutineModel> subroutines = checkMethods(type, hierarchy, problems, silenced);
    List<ParamModel> params = checkFields(type, hierarchy, problems, silenced);

    boolean anySubroutine = hierarchy.stream().flatMap(t -> ElementFilter.methodsIn(t.getEnclosedElements()).stream())
        .anyMatch(m -> Annotations.find(m, SUBROUTINE) != null);
    if (!anySubroutine) {
      problems.add(Problem.of(Message.MODE_NO_SUBROUTINES, type, null, null, name));
    }
    // A silenced problem was reported on a superclass mode of this compilation; this mode fails with it.
    if (problems.stream().anyMatch(Problem::isError) || silenced.stream().anyMatch(Problem::isError)) {
      return new Result(Optional.empty(), problems, Optional.empty());
    }
    ModeModel model = new ModeModel(typeRef(type), id, annotations.string(mode, "description"), defaults,
        subroutines, params, usesDeprecated(hierarchy), elements.getTypeElement("javax.annotation.processing.Generated") != null);
    return new Result(Optional.of(model), problems, Optional.empty());
  }

  // ---- the class -------------------------------------------------------------------------------

  private void checkClass(TypeElement type, AnnotationMirror mode, String name, List<Problem> problems) {
    if (type.getKind() != ElementKind.CLASS) {
      problems.add(Problem.of(Message.MODE_ABSTRACT, type, null, null, name,
          "a" + (type.getKind() == ElementKind.INTERFACE || type.getKind() == ElementKind.ENUM ? "n " : " ")
              + type.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
    } else if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      problems.add(Problem.of(Message.MODE_ABSTRACT, type, null, null, name, "an abstract class"));
    }
    String access = accessProblem(type);
    if (access != null) {
      problems.add(Problem.of(Message.MODE_NOT_ACCESSIBLE, type, null, null, name, access));
    }
    if (!type.getTypeParameters().isEmpty()) {
      String params = type.getTypeParameters().stream().map(p -> p.getSimpleName().toString())
          .collect(Collectors.joining(", "));
      problems.add(Problem.of(Message.MODE_GENERIC, type, null, null, name, params));
    }
    if (type.getKind() == ElementKind.CLASS && !extendsBase(type)) {
      TypeMirror sup = type.getSuperclass();
      problems.add(Problem.of(Message.MODE_NOT_SCHEDULER, type, null, null, name,
          sup.getKind() == TypeKind.NONE ? "no superclass" : "a subclass of " + display(sup)));
    }
    if (type.getKind() == ElementKind.CLASS && !type.getModifiers().contains(Modifier.ABSTRACT)) {
      String ctor = constructorProblem(type);
      if (ctor != null) {
        problems.add(Problem.of(Message.MODE_NO_CONSTRUCTOR, type, null, null, name, ctor));
      }
    }
  }

  private static String accessProblem(TypeElement type) {
    if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
      return "it is a local or anonymous class";
    }
    if (type.getModifiers().contains(Modifier.PRIVATE)) {
      return "it is private";
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
      return "it is a non-static (inner) class, which needs an outer instance";
    }
    Element outer = type.getEnclosingElement();
    while (outer instanceof TypeElement t) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return "it is nested in the private class " + t.getQualifiedName();
      }
      outer = t.getEnclosingElement();
    }
    return null;
  }

  private boolean extendsBase(TypeElement type) {
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

  private String constructorProblem(TypeElement type) {
    List<ExecutableElement> ctors = ElementFilter.constructorsIn(type.getEnclosedElements());
    String reason = "it has only constructors with parameters";
    for (ExecutableElement c : ctors) {
      if (!c.getParameters().isEmpty()) {
        continue;
      }
      // The implicit constructor has the class's access, which MML-102 already reports.
      boolean implicit = elements.getOrigin(c) == Elements.Origin.MANDATED;
      if (c.getModifiers().contains(Modifier.PRIVATE) && !implicit) {
        reason = "its no-argument constructor is private";
        continue;
      }
      Optional<? extends TypeMirror> checked = c.getThrownTypes().stream().filter(this::isChecked).findFirst();
      if (checked.isPresent()) {
        reason = "its no-argument constructor throws the checked exception " + display(checked.get());
        continue;
      }
      return null;
    }
    return reason;
  }

  private boolean isChecked(TypeMirror t) {
    TypeElement runtime = elements.getTypeElement("java.lang.RuntimeException");
    TypeElement error = elements.getTypeElement("java.lang.Error");
    return !types.isSubtype(t, runtime.asType()) && !types.isSubtype(t, error.asType());
  }

  private void checkId(TypeElement type, AnnotationMirror mode, String id, String name, List<Problem> problems) {
    AnnotationValue idValue = Annotations.explicit(mode, "id");
    if (!Names.IDENTIFIER.matcher(id).matches()) {
      problems.add(Problem.of(Message.MODE_ID_INVALID, type, mode, idValue, id, name,
          Names.suggestIdentifier(id.isEmpty() ? type.getSimpleName().toString() : id)));
      return;
    }
    String first = ids.putIfAbsent(id, name);
    if (first != null && !first.equals(name)) {
      problems.add(Problem.of(Message.MODE_ID_DUPLICATE, type, mode, idValue, id, name, first));
    }
  }

  private List<String> checkDefaults(TypeElement type, AnnotationMirror mode, String name, List<Problem> problems) {
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
        problems.add(Problem.of(Message.MODE_DEFAULT_INVALID, type, mode, v, entry, name));
      }
    }
    return out;
  }

  // ---- the hierarchy ---------------------------------------------------------------------------

  /**
   * The classes whose members make up the mode: the superclasses below AbstractBaseScheduler,
   * topmost first, then the class itself (only the class when it does not extend the base: MML-103).
   */
  private List<TypeElement> hierarchy(TypeElement type) {
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

  /**
   * The scopes of the hierarchy, in its order. Classes at or above the lowest superclass that is a
   * {@code @Mode} of this compilation are silent: that mode reports their problems itself.
   */
  private List<Scope> scopes(TypeElement type, List<TypeElement> hierarchy, List<Problem> shown, List<Problem> silenced) {
    int lastSilent = -1;
    for (int i = 0; i < hierarchy.size() - 1; i++) {
      TypeElement t = hierarchy.get(i);
      if (Annotations.find(t, MODE) != null && sourceModes.contains(t.getQualifiedName().toString())) {
        lastSilent = i;
      }
    }
    List<Scope> out = new ArrayList<>();
    for (int i = 0; i < hierarchy.size(); i++) {
      out.add(new Scope(type, hierarchy.get(i), i <= lastSilent, shown, silenced));
    }
    return out;
  }

  /** Where the problems of the members declared in one class of the hierarchy go. */
  private record Scope(TypeElement mode, TypeElement owner, boolean silent, List<Problem> shown, List<Problem> silenced) {
    boolean own() {
      return owner.equals(mode);
    }

    /** The member as messages name it: its simple name, plus its class when inherited. */
    String label(Element member) {
      String simple = member.getSimpleName().toString();
      return own() ? simple : simple + " (inherited from " + owner.getQualifiedName() + ")";
    }

    /** Reports on the member when it is the mode's own, else on the mode (an inherited member may come from a jar). */
    void report(Message m, Element e, AnnotationMirror mirror, AnnotationValue value, Object... args) {
      if (own()) {
        shown.add(Problem.of(m, e, mirror, value, args));
      } else if (silent) {
        silenced.add(Problem.of(m, e, mirror, value, args));
      } else {
        shown.add(Problem.of(m, mode, null, null, args));
      }
    }

    int count() {
      return shown.size() + silenced.size();
    }
  }

  /**
   * Why the generated routine, in the mode's package, cannot reach an inherited member, or
   * {@code null} when it can (private members are reported by their own rules).
   */
  private String inaccessible(Element member, TypeElement owner, TypeElement mode) {
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
  private String packageName(Element e) {
    String p = elements.getPackageOf(e).getQualifiedName().toString();
    return p.isEmpty() ? "the unnamed package" : "package " + p;
  }

  // ---- the methods -----------------------------------------------------------------------------

  /** One subroutine while the hierarchy is read. */
  private static final class Slot {
    final String name;
    /** The method carrying the {@code @Subroutine} that counts, and its class. */
    ExecutableElement annotated;
    TypeElement annotatedOwner;
    /** The lowest declaration (the one the routine's call resolves to), and its class. */
    ExecutableElement latest;
    TypeElement latestOwner;
    /** The model, or {@code null} when the annotated method has problems. */
    SubroutineModel model;

    Slot(String name, ExecutableElement m, TypeElement owner, SubroutineModel model) {
      this.name = name;
      this.annotated = m;
      this.annotatedOwner = owner;
      this.latest = m;
      this.latestOwner = owner;
      this.model = model;
    }
  }

  private List<SubroutineModel> checkMethods(TypeElement type, List<TypeElement> hierarchy, List<Problem> shown,
      List<Problem> silenced) {
    List<Slot> slots = new ArrayList<>();
    Map<String, Slot> byName = new HashMap<>();
    for (Scope scope : scopes(type, hierarchy, shown, silenced)) {
      TypeElement owner = scope.owner();
      for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
        Slot overridden = null;
        for (Slot slot : slots) {
          if (!slot.latestOwner.equals(owner) && elements.overrides(m, slot.latest, owner)) {
            overridden = slot;
            break;
          }
        }
        if (overridden != null) {
          overridden.latest = m;
          overridden.latestOwner = owner;
        }
        AnnotationMirror sub = Annotations.find(m, SUBROUTINE);
        AnnotationMirror perTask = Annotations.find(m, PER_TASK);
        AnnotationMirror res = Annotations.find(m, RESOURCES);
        String method = m.getSimpleName().toString();
        String label = scope.label(m);
        if (sub == null) {
          // An override without @Subroutine keeps the inherited step (the call dispatches virtually).
          if (perTask != null) {
            scope.report(Message.COMPANION_WITHOUT_SUBROUTINE, m, perTask, null, "PerTask", label, "PerTask");
          }
          if (res != null) {
            scope.report(Message.COMPANION_WITHOUT_SUBROUTINE, m, res, null, "Resources", label, "Resources");
          }
          continue;
        }
        int before = scope.count();
        String name = annotations.string(sub, "value");
        AnnotationValue nameValue = Annotations.explicit(sub, "value");
        boolean add = false;
        if (!Names.IDENTIFIER.matcher(name).matches()) {
          scope.report(Message.SUBROUTINE_NAME_INVALID, m, sub, nameValue, name, label,
              "it must match [a-z][a-z0-9_]*", Names.suggestIdentifier(name.isEmpty() ? method : name));
        } else if (RESERVED_SUBROUTINES.contains(name)) {
          scope.report(Message.SUBROUTINE_NAME_INVALID, m, sub, nameValue, name, label,
              "'" + name + "' is reserved for the engine's own " + (name.equals("prepare") ? "first" : "last") + " step",
              name + "_" + Names.suggestIdentifier(method));
        } else if (overridden != null) {
          if (!overridden.name.equals(name)) {
            scope.report(Message.SUBROUTINE_OVERRIDE_RENAMED, m, sub, nameValue, name, method,
                owner.getQualifiedName(), overridden.name, overridden.annotatedOwner.getQualifiedName(), overridden.name);
          }
        } else {
          Slot first = byName.get(name);
          if (first == null) {
            add = true;
          } else if (first.annotatedOwner.equals(owner)) {
            scope.report(Message.SUBROUTINE_DUPLICATE, m, sub, nameValue, name, label,
                first.annotated.getSimpleName().toString());
          } else {
            scope.report(Message.SUBROUTINE_INHERITED_DUPLICATE, m, sub, nameValue, name, method,
                owner.getQualifiedName(), first.annotated.getSimpleName(), first.annotatedOwner.getQualifiedName());
          }
        }
        if (m.getModifiers().contains(Modifier.PRIVATE)) {
          scope.report(Message.STEP_PRIVATE, m, null, null, label);
        }
        if (m.getModifiers().contains(Modifier.STATIC)) {
          scope.report(Message.STEP_STATIC, m, null, null, label);
        }
        StepKindModel kind = StepKindModel.ONCE;
        if (perTask != null) {
          Object tasks = annotations.value(perTask, "value").getValue();
          boolean pivot = tasks instanceof VariableElement v && v.getSimpleName().contentEquals("PIVOT");
          boolean perFold = annotations.bool(perTask, "perFold");
          kind = perFold ? (pivot ? StepKindModel.PIVOT_PER_FOLD : StepKindModel.PER_FOLD)
              : (pivot ? StepKindModel.PIVOT : StepKindModel.PER_TASK);
        }
        TaskArg arg = checkSignature(m, kind, scope);
        Optional<ResourcesModel> resources = res == null ? Optional.empty() : checkResources(m, res, scope);
        SubroutineModel model = scope.count() == before
            ? new SubroutineModel(name, kind, method, arg, resources) : null;
        if (overridden != null && overridden.name.equals(name)) {
          // Same name: this method's annotations replace the inherited ones, in the inherited place.
          overridden.annotated = m;
          overridden.annotatedOwner = owner;
          overridden.model = model;
        } else if (add) {
          Slot slot = new Slot(name, m, owner, model);
          slots.add(slot);
          byName.put(name, slot);
        }
      }
    }
    List<SubroutineModel> out = new ArrayList<>();
    for (Slot slot : slots) {
      if (slot.model == null) {
        continue;
      }
      String why = inaccessible(slot.latest, slot.latestOwner, type);
      if (why != null) {
        shown.add(Problem.of(Message.STEP_NOT_ACCESSIBLE, type, null, null, slot.latest.getSimpleName(),
            slot.latestOwner.getQualifiedName(), packageName(type), type.getQualifiedName(), why, packageName(slot.latestOwner)));
        continue;
      }
      out.add(slot.model);
    }
    return out;
  }

  private TaskArg checkSignature(ExecutableElement m, StepKindModel kind, Scope scope) {
    List<? extends VariableElement> ps = m.getParameters();
    String method = m.getSimpleName().toString();
    String label = scope.label(m);
    String found = ps.stream().map(p -> display(p.asType())).collect(Collectors.joining(", "));
    switch (kind) {
      case ONCE -> {
        if (!ps.isEmpty()) {
          scope.report(Message.ONCE_SIGNATURE, m, null, null, label, found);
        }
        return TaskArg.NONE;
      }
      case PER_TASK, PIVOT -> {
        TaskArg arg = ps.size() == 1 ? taskArg(ps.get(0).asType()) : null;
        if (arg == null) {
          scope.report(Message.PER_TASK_SIGNATURE, m, null, null, label, found, method);
          return TaskArg.NONE;
        }
        return arg;
      }
      default -> {
        TaskArg arg = ps.size() == 2 ? taskArg(ps.get(0).asType()) : null;
        if (arg == null || ps.get(1).asType().getKind() != TypeKind.INT) {
          scope.report(Message.PER_FOLD_SIGNATURE, m, null, null, label, found, method);
          return TaskArg.NONE;
        }
        return arg;
      }
    }
  }

  private TaskArg taskArg(TypeMirror t) {
    if (t.getKind() != TypeKind.DECLARED) {
      return null;
    }
    String qn = ((TypeElement) types.asElement(t)).getQualifiedName().toString();
    return qn.equals(TASK_STRUCT) ? TaskArg.STRUCT : qn.equals("java.lang.String") ? TaskArg.NAME : null;
  }

  private Optional<ResourcesModel> checkResources(ExecutableElement m, AnnotationMirror res, Scope scope) {
    String method = scope.label(m);
    int gpus = annotations.integer(res, "gpus");
    int cpus = annotations.integer(res, "cpus");
    String memory = annotations.string(res, "memory");
    String time = annotations.string(res, "time");
    int before = scope.count();
    if (gpus < 0) {
      scope.report(Message.RESOURCES_INVALID, m, res, Annotations.explicit(res, "gpus"), "gpus", gpus, method,
          "gpus must be 0 or more");
    }
    if (cpus < 1) {
      scope.report(Message.RESOURCES_INVALID, m, res, Annotations.explicit(res, "cpus"), "cpus", cpus, method,
          "cpus must be 1 or more");
    }
    if (!MEMORY.matcher(memory).matches()) {
      scope.report(Message.RESOURCES_INVALID, m, res, Annotations.explicit(res, "memory"), "memory",
          "\"" + memory + "\"", method, "write memory as a whole number with a unit K, M, G or T, e.g. \"500M\", \"4G\" or \"1T\"");
    }
    if (!TIME.matcher(time).matches()) {
      scope.report(Message.RESOURCES_INVALID, m, res, Annotations.explicit(res, "time"), "time",
          "\"" + time + "\"", method, "write time as MM:SS, HH:MM:SS or D-HH:MM:SS, e.g. \"30:00\", \"4:00:00\" or \"1-00:00:00\"");
    }
    return scope.count() == before ? Optional.of(new ResourcesModel(gpus, cpus, memory, time)) : Optional.empty();
  }

  // ---- the fields ------------------------------------------------------------------------------

  private record ParamType(ParamKind kind, ParamKind scalar, Optional<TypeRef> valueType, String display, List<String> constants) {}

  private List<ParamModel> checkFields(TypeElement type, List<TypeElement> hierarchy, List<Problem> shown,
      List<Problem> silenced) {
    List<ParamModel> out = new ArrayList<>();
    Map<String, VariableElement> byKey = new HashMap<>();
    for (Scope scope : scopes(type, hierarchy, shown, silenced)) {
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
        ParamType pt = paramType(f.asType());
        String yaml = null;
        if (pt == null) {
          scope.report(Message.PARAM_TYPE, f, null, null, label, display(f.asType()));
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
        String why = inaccessible(f, owner, type);
        if (why != null) {
          shown.add(Problem.of(Message.PARAM_NOT_ACCESSIBLE, type, null, null, field, owner.getQualifiedName(),
              packageName(type), type.getQualifiedName(), why, packageName(owner)));
          continue;
        }
        out.add(new ParamModel(field, key, pt.kind(), pt.valueType(), pt.display(), yaml,
            annotations.string(param, "doc")));
      }
    }
    return out;
  }

  private ParamType paramType(TypeMirror t) {
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
      return new ParamType(ParamKind.BOXED, box, Optional.of(typeRef(e)), e.getSimpleName().toString(), List.of());
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
        return new ParamType(ParamKind.LIST, scalar, Optional.of(typeRef(el)),
            "List<" + el.getSimpleName() + ">", List.of());
      }
      default:
        break;
    }
    if (e.getKind() == ElementKind.ENUM) {
      List<String> constants = e.getEnclosedElements().stream()
          .filter(x -> x.getKind() == ElementKind.ENUM_CONSTANT)
          .map(x -> x.getSimpleName().toString()).toList();
      TypeRef ref = typeRef(e);
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

  // ---- helpers ---------------------------------------------------------------------------------

  /** The name of the first type in the class's signature-relevant positions that does not exist. */
  private Optional<String> findUnresolved(TypeElement type) {
    TypeMirror sup = type.getSuperclass();
    while (sup.getKind() == TypeKind.DECLARED) {
      sup = ((TypeElement) types.asElement(sup)).getSuperclass();
    }
    if (sup.getKind() == TypeKind.ERROR) {
      return Optional.of(sup.toString());
    }
    for (Element member : hierarchy(type).stream().flatMap(t -> t.getEnclosedElements().stream()).toList()) {
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

  private boolean usesDeprecated(List<TypeElement> hierarchy) {
    if (elements.isDeprecated(hierarchy.get(hierarchy.size() - 1))) {
      return true;
    }
    for (Element member : hierarchy.stream().flatMap(t -> t.getEnclosedElements().stream()).toList()) {
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

  /** The type as a reader writes it: simple names, type arguments kept. */
  static String display(TypeMirror t) {
    if (t instanceof DeclaredType d) {
      String base = d.asElement().getSimpleName().toString();
      if (d.getTypeArguments().isEmpty()) {
        return base;
      }
      return base + d.getTypeArguments().stream().map(ModeValidator::display).collect(Collectors.joining(", ", "<", ">"));
    }
    if (t.getKind() == TypeKind.ARRAY) {
      return display(((javax.lang.model.type.ArrayType) t).getComponentType()) + "[]";
    }
    return t.toString();
  }

  /** The package and nesting of a type. */
  TypeRef typeRef(TypeElement e) {
    Deque<String> names = new ArrayDeque<>();
    Element cur = e;
    while (cur instanceof TypeElement t) {
      names.addFirst(t.getSimpleName().toString());
      cur = t.getEnclosingElement();
    }
    return new TypeRef(elements.getPackageOf(e).getQualifiedName().toString(), List.copyOf(names));
  }
}
