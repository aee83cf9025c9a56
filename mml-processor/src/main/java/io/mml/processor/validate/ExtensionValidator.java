package io.mml.processor.validate;

import static io.mml.processor.validate.Annotations.MODALITY_DEF;
import static io.mml.processor.validate.Annotations.TASK_TYPE_DEF;

import io.mml.processor.model.ModalityModel;
import io.mml.processor.model.RegistryMarkers;
import io.mml.processor.model.TaskTypeModel;
import io.mml.processor.model.TaskTypeModel.LossModel;
import io.mml.processor.model.TaskTypeModel.MetricModel;
import io.mml.processor.model.TaskTypeModel.Setting;
import io.mml.processor.model.TypeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks {@code @ModalityDef} and {@code @TaskTypeDef} declarations for completeness and builds
 * their models. One instance lives for the whole compilation: it remembers the ids (and routes)
 * declared so far, so duplicates and references between declarations are found across rounds.
 *
 * <p>"Known modalities" are those declared in this compilation plus those whose marker class
 * ({@link RegistryMarkers}) is on the class path, i.e. declared in a jar compiled with this processor.
 */
public final class ExtensionValidator {
  static final String MODALITY_LOADER = "io.mml.runtime.modality.ModalityLoader";
  static final String MODALITY_VERIFIER = "io.mml.runtime.modality.ModalityVerifier";
  static final String TASK_HEAD = "io.mml.runtime.tasktype.TaskHead";
  static final String TASK_LOSS = "io.mml.runtime.tasktype.TaskLoss";
  static final String TASK_METRIC = "io.mml.runtime.tasktype.TaskMetric";
  /** Prefix of the String constants of a loss class that name its settings keys. */
  static final String SETTING_PREFIX = "SETTING_";

  /**
   * The outcome for one declaration.
   *
   * @param model present when the declaration has no errors
   * @param problems every problem found
   * @param deferred true when it names modalities not known yet: check again next round
   */
  public record Result<T>(Optional<T> model, List<Problem> problems, boolean deferred) {
    static <T> Result<T> of(T model, List<Problem> problems) {
      boolean clean = model != null && problems.stream().noneMatch(Problem::isError);
      return new Result<>(clean ? Optional.of(model) : Optional.empty(), problems, false);
    }
  }

  private final Elements elements;
  private final Types types;
  private final Annotations annotations;
  private final boolean generatedAnnotation;
  /** Modality id to the declaring class, in this compilation. */
  private final Map<String, String> modalityIds = new TreeMap<>();
  /** Task type id to the declaring class, in this compilation. */
  private final Map<String, String> taskTypeIds = new TreeMap<>();
  /** Route to {task type id, declaring class}, in this compilation. */
  private final Map<String, String[]> routes = new HashMap<>();

  public ExtensionValidator(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.annotations = new Annotations(elements);
    this.generatedAnnotation = elements.getTypeElement("javax.annotation.processing.Generated") != null;
  }

  // ---- modalities ------------------------------------------------------------------------------

  /** Validates one {@code @ModalityDef} class. */
  public Result<ModalityModel> validateModality(TypeElement type) {
    List<Problem> problems = new ArrayList<>();
    AnnotationMirror m = Annotations.find(type, MODALITY_DEF);
    String name = type.getQualifiedName().toString();
    String id = annotations.string(m, "id");
    AnnotationValue idValue = Annotations.explicit(m, "id");
    if (!Names.IDENTIFIER.matcher(id).matches()) {
      problems.add(Problem.of(Message.MODALITY_ID_INVALID, type, m, idValue, id, name,
          Names.suggestIdentifier(id.isEmpty() ? type.getSimpleName().toString() : id)));
    } else {
      String other = firstDeclarer(modalityIds, id, name, RegistryMarkers.modality(id));
      if (other != null) {
        problems.add(Problem.of(Message.MODALITY_ID_DUPLICATE, type, m, idValue, id, name, other));
      }
    }
    Holder loader = component(type, m, "loader", "@ModalityDef loader", MODALITY_LOADER, Message.MODALITY_NO_LOADER,
        id, problems);
    Holder verifier = component(type, m, "verifier", "@ModalityDef verifier", MODALITY_VERIFIER,
        Message.MODALITY_NO_VERIFIER, id, problems);
    ModalityModel model = loader.ref == null || verifier.ref == null ? null
        : new ModalityModel(typeRef(type), id, loader.ref, verifier.ref, annotations.bool(m, "augmentable"),
            annotations.string(m, "description"), generatedAnnotation);
    return Result.of(model, problems);
  }

  // ---- task types ------------------------------------------------------------------------------

  /**
   * Validates one {@code @TaskTypeDef} class. Unless {@code lastChance}, a declaration naming a
   * modality nobody declared (yet) is deferred instead of reported: another processor or a later
   * round may still declare it.
   */
  public Result<TaskTypeModel> validateTaskType(TypeElement type, boolean lastChance) {
    List<Problem> problems = new ArrayList<>();
    AnnotationMirror m = Annotations.find(type, TASK_TYPE_DEF);
    String name = type.getQualifiedName().toString();
    String id = annotations.string(m, "id");
    AnnotationValue idValue = Annotations.explicit(m, "id");
    if (!Names.IDENTIFIER.matcher(id).matches()) {
      problems.add(Problem.of(Message.TASK_TYPE_ID_INVALID, type, m, idValue, id, name,
          Names.suggestIdentifier(id.isEmpty() ? type.getSimpleName().toString() : id)));
    } else {
      String other = firstDeclarer(taskTypeIds, id, name, RegistryMarkers.taskType(id));
      if (other != null) {
        problems.add(Problem.of(Message.TASK_TYPE_ID_DUPLICATE, type, m, idValue, id, name, other));
      }
    }
    boolean trainable = annotations.bool(m, "trainable");
    boolean unknown = false;

    // requires: an OR of AND-sets, each naming known modalities
    List<List<String>> requires = new ArrayList<>();
    // Sets naming an unknown modality are not checked for the target (one diagnostic per mistake).
    List<Boolean> checkedSets = new ArrayList<>();
    List<String> setTargets = new ArrayList<>();
    List<AnnotationValue> setTargetValues = new ArrayList<>();
    AnnotationValue requiresValue = Annotations.explicit(m, "requires");
    if (annotations.value(m, "requires").getValue() instanceof List<?> sets) {
      for (Object o : sets) {
        if (!(o instanceof AnnotationValue setValue) || !(setValue.getValue() instanceof AnnotationMirror set)) {
          continue;
        }
        List<String> ids = new ArrayList<>();
        boolean setHasUnknown = false;
        Object raw = annotations.value(set, "value").getValue();
        if (raw instanceof List<?> list) {
          for (Object v : list) {
            if (v instanceof AnnotationValue av && av.getValue() instanceof String modality) {
              if (!ids.contains(modality)) {
                ids.add(modality);
              }
              setHasUnknown |= unknownModality(type, m, av, id, name, modality, "requires", problems);
            }
          }
        }
        String setTarget = annotations.string(set, "target");
        AnnotationValue setTargetValue = Annotations.explicit(set, "target");
        if (!setTarget.isEmpty()) {
          setHasUnknown |= unknownModality(type, m, setTargetValue, id, name, setTarget, "@Requires target", problems);
        }
        setTargets.add(setTarget);
        setTargetValues.add(setTargetValue);
        if (ids.isEmpty()) {
          problems.add(Problem.of(Message.TASK_TYPE_NO_REQUIRES, type, m, setValue, id, name,
              "has an empty @Requires set, which every sample would satisfy"));
        }
        requires.add(ids);
        if (setHasUnknown) {
          unknown = true;
          checkedSets.add(false);
        } else {
          checkedSets.add(true);
        }
      }
    }
    if (requires.isEmpty()) {
      problems.add(Problem.of(Message.TASK_TYPE_NO_REQUIRES, type, m, requiresValue, id, name,
          "declares no required modalities (requires is empty)"));
    }

    // target: a known modality; each set's effective target (its own, else this one) is in the set
    String target = annotations.string(m, "target");
    AnnotationValue targetValue = Annotations.explicit(m, "target");
    boolean targetKnown = true;
    if (target.isEmpty()) {
      if (trainable && setTargets.stream().anyMatch(String::isEmpty)) {
        problems.add(Problem.of(Message.TASK_TYPE_NO_TARGET, type, m, targetValue, id, name));
      }
    } else if (unknownModality(type, m, targetValue, id, name, target, "target", problems)) {
      unknown = true;
      targetKnown = false;
    }
    List<String> effective = new ArrayList<>();
    for (int i = 0; i < requires.size(); i++) {
      List<String> set = requires.get(i);
      boolean own = !setTargets.get(i).isEmpty();
      String t = own ? setTargets.get(i) : target;
      effective.add(t);
      if (t.isEmpty() || !checkedSets.get(i) || (!own && !targetKnown) || set.isEmpty() || set.contains(t)) {
        continue;
      }
      problems.add(Problem.of(Message.TASK_TYPE_TARGET_NOT_REQUIRED, type, m, own ? setTargetValues.get(i) : targetValue,
          t, id, name, "{" + String.join(", ", set) + "}", t));
      if (!own) {
        break; // one report for the type's target is enough
      }
    }
    if (effective.stream().anyMatch(String::isEmpty)) {
      effective.clear();
    }
    if (unknown && !lastChance) {
      return new Result<>(Optional.empty(), List.of(), true);
    }

    String route = annotations.string(m, "route");
    TypeRef head = null;
    LossModel loss = null;
    List<MetricModel> metrics = new ArrayList<>();
    boolean complete = true;
    if (trainable) {
      AnnotationValue routeValue = Annotations.explicit(m, "route");
      if (!Names.IDENTIFIER.matcher(route).matches()) {
        problems.add(Problem.of(Message.TASK_TYPE_ROUTE_INVALID, type, m, routeValue, id, name,
            route.isEmpty() ? "no route" : "the invalid route '" + route + "'",
            Names.suggestIdentifier(route.isEmpty() ? id : route)));
      } else {
        String[] other = routes.putIfAbsent(route, new String[] {id, name});
        if (other != null && !other[1].equals(name)) {
          problems.add(Problem.of(Message.TASK_TYPE_ROUTE_DUPLICATE, type, m, routeValue, route, id, name, other[0],
              other[1], route, route));
        }
      }
      Holder h = component(type, m, "head", "@TaskTypeDef head", TASK_HEAD, Message.TASK_TYPE_NO_HEAD, id, problems);
      Holder l = component(type, m, "loss", "@TaskTypeDef loss", TASK_LOSS, Message.TASK_TYPE_NO_LOSS, id, problems);
      head = h.ref;
      loss = l.ref == null ? null : new LossModel(l.ref, settings(l.element));
      complete = head != null && loss != null;
      complete &= metrics(type, m, id, name, metrics, problems);
    } else {
      for (String member : List.of("head", "loss")) {
        AnnotationValue v = Annotations.explicit(m, member);
        if (v != null && !isVoid(v)) {
          problems.add(Problem.of(Message.TASK_TYPE_UNTRAINABLE_PARTS, type, m, v, id, name, "a " + member));
        }
      }
      AnnotationValue v = Annotations.explicit(m, "metrics");
      if (v != null && v.getValue() instanceof List<?> list && !list.isEmpty()) {
        problems.add(Problem.of(Message.TASK_TYPE_UNTRAINABLE_PARTS, type, m, v, id, name, "metrics"));
      }
      route = "";
    }
    TaskTypeModel model = !complete ? null
        : new TaskTypeModel(typeRef(type), id, requires, effective, target, route, trainable, head, loss, metrics,
            annotations.string(m, "description"), generatedAnnotation);
    return Result.of(model, problems);
  }

  /** Checks the metrics; false when one of them is erroneous or missing. */
  private boolean metrics(TypeElement type, AnnotationMirror m, String id, String name, List<MetricModel> out,
      List<Problem> problems) {
    AnnotationValue metricsValue = Annotations.explicit(m, "metrics");
    List<?> list = annotations.value(m, "metrics").getValue() instanceof List<?> l ? l : List.of();
    if (list.isEmpty()) {
      problems.add(Problem.of(Message.TASK_TYPE_NO_METRICS, type, m, metricsValue, id, name));
      return false;
    }
    boolean complete = true;
    Map<String, String> byName = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof AnnotationValue v)) {
        complete = false;
        continue;
      }
      Holder c = check(type, m, v, "@TaskTypeDef metrics[" + i + "]", TASK_METRIC, problems);
      if (c.ref == null) {
        complete = false;
        continue;
      }
      String metricName = constant(c.element, "NAME").orElse(Names.snakeCase(c.element.getSimpleName().toString()));
      String first = byName.putIfAbsent(metricName, c.ref.canonicalName());
      if (first != null) {
        problems.add(Problem.of(Message.TASK_TYPE_METRIC_DUPLICATE, type, m, v, c.ref.canonicalName(), id, name,
            metricName, first));
        complete = false;
        continue;
      }
      out.add(new MetricModel(c.ref, metricName));
    }
    return complete;
  }

  /** The loss settings: every {@code static final String SETTING_X = "<yaml>"} gives {@code x: <yaml>}. */
  private List<Setting> settings(TypeElement loss) {
    Map<String, String> sorted = new TreeMap<>();
    for (VariableElement f : ElementFilter.fieldsIn(elements.getAllMembers(loss))) {
      String field = f.getSimpleName().toString();
      if (field.startsWith(SETTING_PREFIX) && field.length() > SETTING_PREFIX.length()
          && f.getModifiers().contains(Modifier.STATIC) && f.getConstantValue() instanceof String yaml) {
        sorted.putIfAbsent(field.substring(SETTING_PREFIX.length()).toLowerCase(Locale.ROOT), yaml);
      }
    }
    List<Setting> out = new ArrayList<>();
    sorted.forEach((k, v) -> out.add(new Setting(k, v)));
    return out;
  }

  private Optional<String> constant(TypeElement type, String field) {
    for (VariableElement f : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      if (f.getSimpleName().contentEquals(field) && f.getModifiers().contains(Modifier.STATIC)
          && f.getConstantValue() instanceof String s && !s.isEmpty()) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  // ---- ids and modalities ----------------------------------------------------------------------

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
      Optional<String> by = constant(m, RegistryMarkers.DECLARED_BY);
      if (by.isPresent() && !by.get().equals(name)) {
        return by.get() + " (on the class path)";
      }
    }
    return null;
  }

  /** Reports an unknown modality (returns true) with a "did you mean" over all known ones. */
  private boolean unknownModality(TypeElement type, AnnotationMirror m, AnnotationValue v, String id, String name,
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
  public Set<String> knownModalities() {
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

  // ---- component classes -----------------------------------------------------------------------

  /** A checked component: its reference and element, or nulls when missing or invalid. */
  private record Holder(TypeRef ref, TypeElement element) {
    static final Holder NONE = new Holder(null, null);
  }

  /** A required class member: missing (void.class) is {@code missing}; otherwise it is checked. */
  private Holder component(TypeElement type, AnnotationMirror m, String member, String label, String iface,
      Message missing, String id, List<Problem> problems) {
    AnnotationValue v = annotations.value(m, member);
    if (isVoid(v)) {
      problems.add(Problem.of(missing, type, m, Annotations.explicit(m, member), id, type.getQualifiedName()));
      return Holder.NONE;
    }
    return check(type, m, v, label, iface, problems);
  }

  private Holder check(TypeElement type, AnnotationMirror m, AnnotationValue v, String label, String iface,
      List<Problem> problems) {
    if (!(v.getValue() instanceof DeclaredType d) || d.getKind() == TypeKind.ERROR) {
      return Holder.NONE; // javac reports the unresolvable class itself
    }
    TypeElement c = (TypeElement) d.asElement();
    String cName = c.getQualifiedName().toString();
    String declName = type.getQualifiedName().toString();
    TypeElement ifaceElement = elements.getTypeElement(iface);
    if (ifaceElement != null && !types.isAssignable(types.erasure(c.asType()), types.erasure(ifaceElement.asType()))) {
      problems.add(Problem.of(Message.COMPONENT_WRONG_TYPE, type, m, v, label, cName, declName, iface));
      return Holder.NONE;
    }
    String reason = instantiationProblem(c);
    if (reason != null) {
      problems.add(Problem.of(Message.COMPONENT_NOT_INSTANTIABLE, type, m, v, label, cName, declName, reason));
      return Holder.NONE;
    }
    return new Holder(typeRef(c), c);
  }

  private String instantiationProblem(TypeElement c) {
    if (c.getKind() != ElementKind.CLASS) {
      return "it is " + (c.getKind() == ElementKind.INTERFACE || c.getKind() == ElementKind.ENUM ? "an " : "a ")
          + c.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
    if (c.getModifiers().contains(Modifier.ABSTRACT)) {
      return "it is abstract";
    }
    if (c.getNestingKind() == NestingKind.LOCAL || c.getNestingKind() == NestingKind.ANONYMOUS) {
      return "it is a local or anonymous class";
    }
    Element cur = c;
    while (cur instanceof TypeElement t) {
      if (!t.getModifiers().contains(Modifier.PUBLIC)) {
        return t == c ? "it is not public" : "it is nested in the non-public class " + t.getQualifiedName();
      }
      if (t.getNestingKind() == NestingKind.MEMBER && !t.getModifiers().contains(Modifier.STATIC)) {
        return t == c ? "it is an inner (non-static) class" : "it is nested in the inner class " + t.getQualifiedName();
      }
      cur = t.getEnclosingElement();
    }
    if (!c.getTypeParameters().isEmpty()) {
      return "it is generic";
    }
    boolean sawNoArg = false;
    for (ExecutableElement ctor : ElementFilter.constructorsIn(c.getEnclosedElements())) {
      if (!ctor.getParameters().isEmpty()) {
        continue;
      }
      sawNoArg = true;
      if (!ctor.getModifiers().contains(Modifier.PUBLIC)) {
        continue;
      }
      if (ctor.getThrownTypes().stream().anyMatch(this::isChecked)) {
        return "its no-argument constructor throws a checked exception";
      }
      return null;
    }
    return sawNoArg ? "its no-argument constructor is not public" : "it has no no-argument constructor";
  }

  private boolean isChecked(TypeMirror t) {
    return JavaTypes.isChecked(elements, types, t);
  }

  private static boolean isVoid(AnnotationValue v) {
    return v.getValue() instanceof TypeMirror t && t.getKind() == TypeKind.VOID;
  }

  private TypeRef typeRef(TypeElement e) {
    return JavaTypes.typeRef(elements, e);
  }
}
