package io.mml.processor.validate;

import static io.mml.processor.validate.Annotations.PER_TASK;
import static io.mml.processor.validate.Annotations.RESOURCES;
import static io.mml.processor.validate.Annotations.SUBROUTINE;

import io.mml.processor.model.ResourcesModel;
import io.mml.processor.model.StepKindModel;
import io.mml.processor.model.SubroutineModel;
import io.mml.processor.model.TaskArg;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The {@code @Subroutine} methods of a mode's hierarchy and their companions {@code @PerTask} and
 * {@code @Resources}: names (MML-206, MML-209), modifiers (MML-201, MML-202), signatures per step
 * kind (MML-203 to MML-205), companions without {@code @Subroutine} (MML-208) and reachability of
 * inherited steps (MML-211). An overriding method keeps the inherited step's place and name.
 */
final class SubroutineRules {
  static final String TASK_STRUCT = "io.mml.runtime.tasks.TaskStruct";
  private static final Set<String> RESERVED_SUBROUTINES = Set.of("prepare", "finish");

  private final Elements elements;
  private final Types types;
  private final Annotations annotations;
  private final ModeHierarchy hierarchy;
  private final ResourcesRules resourcesRules;

  SubroutineRules(Elements elements, Types types, Annotations annotations, ModeHierarchy hierarchy) {
    this.elements = elements;
    this.types = types;
    this.annotations = annotations;
    this.hierarchy = hierarchy;
    this.resourcesRules = new ResourcesRules(annotations);
  }

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

  /** The subroutines of the mode, in their places; reports every problem of the hierarchy's methods. */
  List<SubroutineModel> check(TypeElement type, List<MemberScope> scopes, ModeReport report) {
    List<Slot> slots = new ArrayList<>();
    Map<String, Slot> byName = new HashMap<>();
    for (MemberScope scope : scopes) {
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
        Optional<ResourcesModel> resources = res == null ? Optional.empty() : resourcesRules.check(m, res, scope);
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
      String why = hierarchy.inaccessible(slot.latest, slot.latestOwner, type);
      if (why != null) {
        report.add(Problem.of(Message.STEP_NOT_ACCESSIBLE, type, null, null, slot.latest.getSimpleName(),
            slot.latestOwner.getQualifiedName(), hierarchy.packageName(type), type.getQualifiedName(), why,
            hierarchy.packageName(slot.latestOwner)));
        continue;
      }
      out.add(slot.model);
    }
    return out;
  }

  private TaskArg checkSignature(ExecutableElement m, StepKindModel kind, MemberScope scope) {
    List<? extends VariableElement> ps = m.getParameters();
    String method = m.getSimpleName().toString();
    String label = scope.label(m);
    String found = ps.stream().map(p -> JavaTypes.display(p.asType())).collect(Collectors.joining(", "));
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
}
