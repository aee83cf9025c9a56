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
 * <p>Only the class's own declared members count: {@code @Subroutine} methods and {@code @Param}
 * fields inherited from a superclass are not part of the mode (a superclass is typically compiled
 * elsewhere, and the routine calls members of exactly one class).
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

  public ModeValidator(Elements elements, Types types, Map<String, String> ids) {
    this.elements = elements;
    this.types = types;
    this.annotations = new Annotations(elements);
    this.ids = ids;
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

    List<SubroutineModel> subroutines = checkMethods(type, problems);
    List<ParamModel> params = checkFields(type, problems);

    boolean anySubroutine = ElementFilter.methodsIn(type.getEnclosedElements()).stream()
        .anyMatch(m -> Annotations.find(m, SUBROUTINE) != null);
    if (!anySubroutine) {
      problems.add(Problem.of(Message.MODE_NO_SUBROUTINES, type, null, null, name));
    }
    if (problems.stream().anyMatch(Problem::isError)) {
      return new Result(Optional.empty(), problems, Optional.empty());
    }
    ModeModel model = new ModeModel(typeRef(type), id, annotations.string(mode, "description"), defaults,
        subroutines, params, usesDeprecated(type), elements.getTypeElement("javax.annotation.processing.Generated") != null);
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

  // ---- the methods -----------------------------------------------------------------------------

  private List<SubroutineModel> checkMethods(TypeElement type, List<Problem> problems) {
    List<SubroutineModel> out = new ArrayList<>();
    Map<String, ExecutableElement> byName = new HashMap<>();
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      AnnotationMirror sub = Annotations.find(m, SUBROUTINE);
      AnnotationMirror perTask = Annotations.find(m, PER_TASK);
      AnnotationMirror res = Annotations.find(m, RESOURCES);
      String method = m.getSimpleName().toString();
      if (sub == null) {
        if (perTask != null) {
          problems.add(Problem.of(Message.COMPANION_WITHOUT_SUBROUTINE, m, perTask, null, "PerTask", method, "PerTask"));
        }
        if (res != null) {
          problems.add(Problem.of(Message.COMPANION_WITHOUT_SUBROUTINE, m, res, null, "Resources", method, "Resources"));
        }
        continue;
      }
      int before = problems.size();
      String name = annotations.string(sub, "value");
      AnnotationValue nameValue = Annotations.explicit(sub, "value");
      if (!Names.IDENTIFIER.matcher(name).matches()) {
        problems.add(Problem.of(Message.SUBROUTINE_NAME_INVALID, m, sub, nameValue, name, method,
            "it must match [a-z][a-z0-9_]*", Names.suggestIdentifier(name.isEmpty() ? method : name)));
      } else if (RESERVED_SUBROUTINES.contains(name)) {
        problems.add(Problem.of(Message.SUBROUTINE_NAME_INVALID, m, sub, nameValue, name, method,
            "'" + name + "' is reserved for the engine's own " + (name.equals("prepare") ? "first" : "last") + " step",
            name + "_" + Names.suggestIdentifier(method)));
      } else {
        ExecutableElement first = byName.putIfAbsent(name, m);
        if (first != null) {
          problems.add(Problem.of(Message.SUBROUTINE_DUPLICATE, m, sub, nameValue, name, method,
              first.getSimpleName().toString()));
        }
      }
      if (m.getModifiers().contains(Modifier.PRIVATE)) {
        problems.add(Problem.of(Message.STEP_PRIVATE, m, null, null, method));
      }
      if (m.getModifiers().contains(Modifier.STATIC)) {
        problems.add(Problem.of(Message.STEP_STATIC, m, null, null, method));
      }
      StepKindModel kind = StepKindModel.ONCE;
      if (perTask != null) {
        Object tasks = annotations.value(perTask, "value").getValue();
        boolean pivot = tasks instanceof VariableElement v && v.getSimpleName().contentEquals("PIVOT");
        boolean perFold = annotations.bool(perTask, "perFold");
        kind = perFold ? (pivot ? StepKindModel.PIVOT_PER_FOLD : StepKindModel.PER_FOLD)
            : (pivot ? StepKindModel.PIVOT : StepKindModel.PER_TASK);
      }
      TaskArg arg = checkSignature(m, kind, problems);
      Optional<ResourcesModel> resources = res == null ? Optional.empty() : checkResources(m, res, problems);
      if (problems.size() == before) {
        out.add(new SubroutineModel(name, kind, method, arg, resources));
      }
    }
    return out;
  }

  private TaskArg checkSignature(ExecutableElement m, StepKindModel kind, List<Problem> problems) {
    List<? extends VariableElement> ps = m.getParameters();
    String method = m.getSimpleName().toString();
    String found = ps.stream().map(p -> display(p.asType())).collect(Collectors.joining(", "));
    switch (kind) {
      case ONCE -> {
        if (!ps.isEmpty()) {
          problems.add(Problem.of(Message.ONCE_SIGNATURE, m, null, null, method, found));
        }
        return TaskArg.NONE;
      }
      case PER_TASK, PIVOT -> {
        TaskArg arg = ps.size() == 1 ? taskArg(ps.get(0).asType()) : null;
        if (arg == null) {
          problems.add(Problem.of(Message.PER_TASK_SIGNATURE, m, null, null, method, found, method));
          return TaskArg.NONE;
        }
        return arg;
      }
      default -> {
        TaskArg arg = ps.size() == 2 ? taskArg(ps.get(0).asType()) : null;
        if (arg == null || ps.get(1).asType().getKind() != TypeKind.INT) {
          problems.add(Problem.of(Message.PER_FOLD_SIGNATURE, m, null, null, method, found, method));
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

  private Optional<ResourcesModel> checkResources(ExecutableElement m, AnnotationMirror res, List<Problem> problems) {
    String method = m.getSimpleName().toString();
    int gpus = annotations.integer(res, "gpus");
    int cpus = annotations.integer(res, "cpus");
    String memory = annotations.string(res, "memory");
    String time = annotations.string(res, "time");
    int before = problems.size();
    if (gpus < 0) {
      problems.add(Problem.of(Message.RESOURCES_INVALID, m, res, Annotations.explicit(res, "gpus"), "gpus", gpus, method,
          "gpus must be 0 or more"));
    }
    if (cpus < 1) {
      problems.add(Problem.of(Message.RESOURCES_INVALID, m, res, Annotations.explicit(res, "cpus"), "cpus", cpus, method,
          "cpus must be 1 or more"));
    }
    if (!MEMORY.matcher(memory).matches()) {
      problems.add(Problem.of(Message.RESOURCES_INVALID, m, res, Annotations.explicit(res, "memory"), "memory",
          "\"" + memory + "\"", method, "write memory as a whole number with a unit K, M, G or T, e.g. \"500M\", \"4G\" or \"1T\""));
    }
    if (!TIME.matcher(time).matches()) {
      problems.add(Problem.of(Message.RESOURCES_INVALID, m, res, Annotations.explicit(res, "time"), "time",
          "\"" + time + "\"", method, "write time as MM:SS, HH:MM:SS or D-HH:MM:SS, e.g. \"30:00\", \"4:00:00\" or \"1-00:00:00\""));
    }
    return problems.size() == before ? Optional.of(new ResourcesModel(gpus, cpus, memory, time)) : Optional.empty();
  }

  // ---- the fields ------------------------------------------------------------------------------

  private record ParamType(ParamKind kind, ParamKind scalar, Optional<TypeRef> valueType, String display, List<String> constants) {}

  private List<ParamModel> checkFields(TypeElement type, List<Problem> problems) {
    List<ParamModel> out = new ArrayList<>();
    Map<String, VariableElement> byKey = new HashMap<>();
    for (VariableElement f : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      AnnotationMirror param = Annotations.find(f, PARAM);
      if (param == null) {
        continue;
      }
      int before = problems.size();
      String field = f.getSimpleName().toString();
      if (f.getModifiers().contains(Modifier.FINAL)) {
        problems.add(Problem.of(Message.PARAM_FINAL, f, null, null, field));
      }
      if (f.getModifiers().contains(Modifier.STATIC)) {
        problems.add(Problem.of(Message.PARAM_STATIC, f, null, null, field));
      }
      if (f.getModifiers().contains(Modifier.PRIVATE)) {
        problems.add(Problem.of(Message.PARAM_PRIVATE, f, null, null, field));
      }
      String explicitKey = annotations.string(param, "key");
      String key = explicitKey.isEmpty() ? Names.snakeCase(field) : explicitKey;
      if (!Names.IDENTIFIER.matcher(key).matches()) {
        problems.add(Problem.of(Message.PARAM_KEY_INVALID, f, param, Annotations.explicit(param, "key"), key, field,
            Names.suggestIdentifier(key)));
      } else {
        VariableElement first = byKey.putIfAbsent(key, f);
        if (first != null) {
          problems.add(Problem.of(Message.PARAM_DUPLICATE, f, param, Annotations.explicit(param, "key"), key, field,
              first.getSimpleName().toString()));
        }
      }
      ParamType pt = paramType(f.asType());
      String yaml = null;
      if (pt == null) {
        problems.add(Problem.of(Message.PARAM_TYPE, f, null, null, field, display(f.asType())));
      } else {
        String raw = annotations.string(param, "defaultValue");
        DefaultValues.Parsed parsed = DefaultValues.parse(raw, pt.kind(), pt.scalar(), pt.constants());
        if (parsed.error() != null) {
          problems.add(Problem.of(Message.PARAM_DEFAULT, f, param, Annotations.explicit(param, "defaultValue"),
              raw, field, pt.display(), parsed.error()));
        }
        yaml = parsed.yaml();
      }
      if (problems.size() == before) {
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
    for (Element member : type.getEnclosedElements()) {
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

  private boolean usesDeprecated(TypeElement type) {
    if (elements.isDeprecated(type)) {
      return true;
    }
    for (Element member : type.getEnclosedElements()) {
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
