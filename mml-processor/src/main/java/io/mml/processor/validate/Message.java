package io.mml.processor.validate;

import javax.tools.Diagnostic;

/**
 * The catalogue of every diagnostic the processor prints: a stable id, a kind and a sentence
 * pattern (rule, then fix). Each id has at least one test.
 */
public enum Message {
  MODE_ABSTRACT("MML-101", "@Mode class %s must be a concrete class; found %s. Remove 'abstract' or move @Mode to a concrete subclass."),
  MODE_NOT_ACCESSIBLE("MML-102", "@Mode class %s must be reachable from its package; %s. Make it a public or package-private top-level class, or a static nested class of a non-private class."),
  MODE_NOT_SCHEDULER("MML-103", "@Mode class %s must extend io.mml.runtime.scheduler.AbstractBaseScheduler; found %s. Add 'extends AbstractBaseScheduler'."),
  MODE_NO_CONSTRUCTOR("MML-104", "@Mode class %s has no usable constructor: %s. Add a non-private constructor without parameters and without checked exceptions."),
  MODE_ID_INVALID("MML-105", "@Mode id '%s' of %s is invalid: it must match [a-z][a-z0-9_]*. Use e.g. @Mode(id = \"%s\")."),
  MODE_ID_DUPLICATE("MML-106", "@Mode id '%s' of %s is already used by %s in this compilation. Give one of them another id."),
  MODE_DEFAULT_INVALID("MML-107", "@Mode defaults entry '%s' of %s is not of the form group=option (both parts [a-z][a-z0-9_/]*). Write it like \"augmentations=no_norm\"."),
  MODE_NO_SUBROUTINES("MML-108", Diagnostic.Kind.WARNING, "@Mode class %s declares no @Subroutine method, so the mode has nothing to run. Add @Subroutine(\"name\") to a method."),
  MODE_GENERIC("MML-109", "@Mode class %s must not be generic; found type parameters <%s>. Remove them, or put @Mode on a non-generic subclass."),

  STEP_PRIVATE("MML-201", "@Subroutine method %s must not be private: the generated routine calls it directly. Make it package-private."),
  STEP_STATIC("MML-202", "@Subroutine method %s must not be static. Remove 'static'."),
  PER_TASK_SIGNATURE("MML-203", "@PerTask method %s must take exactly one parameter of type TaskStruct or String; found (%s). Change the signature to %s(TaskStruct task)."),
  ONCE_SIGNATURE("MML-204", "@Subroutine method %s without @PerTask runs once and must take no parameters; found (%s). Remove the parameters, or add @PerTask to run it per task."),
  PER_FOLD_SIGNATURE("MML-205", "@PerTask(perFold = true) method %s must take (TaskStruct or String, int); found (%s). Change the signature to %s(TaskStruct task, int fold)."),
  SUBROUTINE_DUPLICATE("MML-206", "@Subroutine name '%s' on %s is already used by method %s. Give each subroutine its own name."),
  SUBROUTINE_INHERITED_DUPLICATE("MML-206", "@Subroutine name '%s' on method %s of %s is already used by method %s of %s. Give each subroutine its own name, or override that method (same signature) to change the inherited step."),
  SUBROUTINE_OVERRIDE_RENAMED("MML-206", "@Subroutine name '%s' on method %s of %s differs from '%s', the subroutine of the method it overrides in %s: an overriding method keeps the inherited name and place. Use @Subroutine(\"%s\") or remove the annotation."),
  SUBROUTINE_WITHOUT_MODE("MML-207", "@Subroutine method %s is in %s, which has no @Mode; it would never run. Add @Mode to the class or remove @Subroutine."),
  COMPANION_WITHOUT_SUBROUTINE("MML-208", "@%s on method %s needs @Subroutine on the same method. Add @Subroutine(\"name\") or remove @%s."),
  SUBROUTINE_NAME_INVALID("MML-209", "@Subroutine name '%s' on %s is invalid: %s. Use e.g. @Subroutine(\"%s\")."),
  RESOURCES_INVALID("MML-210", "@Resources %s = %s on %s is invalid: %s."),
  STEP_NOT_ACCESSIBLE("MML-211", "@Subroutine method %s inherited from %s cannot be called from %s, where the generated routine of %s lives: it is %s. Make it public or move the mode into %s."),

  PARAM_FINAL("MML-301", "@Param field %s must not be final: the generated routine assigns it. Remove 'final'."),
  PARAM_STATIC("MML-302", "@Param field %s must not be static: parameters belong to one run. Remove 'static'."),
  PARAM_TYPE("MML-303", "@Param field %s has the unsupported type %s. Supported: int, long, double, float, boolean, Integer, Long, Double, Float, Boolean, String, java.nio.file.Path, enums, List<String>, List<Integer>, List<Long>, List<Double>, List<Boolean>."),
  PARAM_DEFAULT("MML-304", "@Param defaultValue \"%s\" of %s does not parse as %s: %s"),
  PARAM_PRIVATE("MML-305", "@Param field %s must not be private: the generated routine assigns it directly. Make it package-private."),
  PARAM_DUPLICATE("MML-306", "@Param key '%s' of %s is already used by field %s. Give one of them another key (@Param(key = \"...\"))."),
  PARAM_WITHOUT_MODE("MML-307", "@Param field %s is in %s, which has no @Mode; it would never be bound. Add @Mode to the class or remove @Param."),
  PARAM_INHERITED_DUPLICATE("MML-306", "@Param key '%s' of field %s in %s is already used by field %s of %s. Give one of them another key (@Param(key = \"...\"))."),
  PARAM_KEY_INVALID("MML-308", "@Param key '%s' of %s is invalid: it must match [a-z][a-z0-9_]*. Set e.g. @Param(key = \"%s\")."),

  PARAM_NOT_ACCESSIBLE("MML-309", "@Param field %s inherited from %s cannot be assigned from %s, where the generated routine of %s lives: it is %s. Make it public or move the mode into %s."),

  MODALITY_ID_INVALID("MML-401", "@ModalityDef id '%s' of %s is invalid: it must match [a-z][a-z0-9_]*. Use e.g. @ModalityDef(id = \"%s\")."),
  MODALITY_ID_DUPLICATE("MML-402", "@ModalityDef id '%s' of %s is already declared by %s. Give one of them another id."),
  MODALITY_NO_LOADER("MML-403", "@ModalityDef '%s' on %s has no loader: a modality without one cannot be read. Add loader = YourLoader.class (a public class implementing io.mml.runtime.modality.ModalityLoader)."),
  MODALITY_NO_VERIFIER("MML-404", "@ModalityDef '%s' on %s has no verifier: its values could not be checked when a task is created. Add verifier = YourVerifier.class (a public class implementing io.mml.runtime.modality.ModalityVerifier)."),
  COMPONENT_WRONG_TYPE("MML-405", "%s = %s.class of %s must implement %s; it does not. Implement the interface or name another class."),
  COMPONENT_NOT_INSTANTIABLE("MML-406", "%s = %s.class of %s cannot be created by the generated provider: %s. Make it a public, non-abstract, non-generic class with a public no-argument constructor that throws no checked exception."),

  TASK_TYPE_ID_INVALID("MML-410", "@TaskTypeDef id '%s' of %s is invalid: it must match [a-z][a-z0-9_]*. Use e.g. @TaskTypeDef(id = \"%s\")."),
  TASK_TYPE_ID_DUPLICATE("MML-411", "@TaskTypeDef id '%s' of %s is already declared by %s. Give one of them another id."),
  TASK_TYPE_NO_HEAD("MML-412", "Trainable task type '%s' on %s has no head: a model could not be built for it. Add head = YourHead.class (implementing io.mml.runtime.tasktype.TaskHead), or set trainable = false."),
  TASK_TYPE_NO_LOSS("MML-413", "Trainable task type '%s' on %s has no loss: it could not be trained. Add loss = YourLoss.class (implementing io.mml.runtime.tasktype.TaskLoss), or set trainable = false."),
  TASK_TYPE_NO_METRICS("MML-414", "Trainable task type '%s' on %s has no metrics: models could not be evaluated or selected. Add metrics = {YourMetric.class} (implementing io.mml.runtime.tasktype.TaskMetric), or set trainable = false."),
  TASK_TYPE_UNTRAINABLE_PARTS("MML-415", "Task type '%s' on %s is not trainable but names %s, which would never be used. Remove it, or set trainable = true."),
  TASK_TYPE_NO_REQUIRES("MML-416", "Task type '%s' on %s %s. List the modalities its samples need, e.g. requires = @Requires({\"image\", \"class\"})."),
  TASK_TYPE_UNKNOWN_MODALITY("MML-417", "Task type '%s' on %s names the unknown modality '%s' in %s.%s Known modalities: %s. Declare it with @ModalityDef or put the jar that declares it on the class path."),
  TASK_TYPE_TARGET_NOT_REQUIRED("MML-418", "The target '%s' of task type '%s' on %s is missing from the required set %s: samples satisfying it would have no target. Add '%s' to the set, give the set its own @Requires(target = ...), or choose another target."),
  TASK_TYPE_ROUTE_INVALID("MML-419", "Trainable task type '%s' on %s has %s: it must match [a-z][a-z0-9_]* and names the config groups loss/<route> and metrics/<route>. Use e.g. route = \"%s\"."),
  TASK_TYPE_NO_TARGET("MML-420", "Trainable task type '%s' on %s has no target modality: the loss would have nothing to compare with. Add target = \"<modality>\", or set trainable = false."),
  TASK_TYPE_ROUTE_DUPLICATE("MML-421", "The route '%s' of task type '%s' on %s is already used by task type '%s' (%s): both would write loss/%s and metrics/%s. Give each task type its own route."),
  TASK_TYPE_METRIC_DUPLICATE("MML-422", "Metric %s of task type '%s' on %s is named '%s' like %s: metric names are CSV columns and must be unique. Remove one, or give it its own NAME constant."),

  OPTION_INVALID("MML-901", "%s"),
  INTERNAL_ERROR("MML-902", "mml-processor failed unexpectedly while processing %s; please report this with the stack trace:%n%s"),
  UNRESOLVED_TYPES("MML-903", "@Mode class %s was not processed because %s could not be resolved. Fix the earlier errors, or check that the processor that generates it runs (annotationProcessorPaths)."),
  ALREADY_GENERATED("MML-904", Diagnostic.Kind.WARNING, "%s was not written because it already exists in this compilation (%s). Stale generated sources? Run 'mvn clean'.");

  private final String id;
  private final Diagnostic.Kind kind;
  private final String pattern;

  Message(String id, String pattern) {
    this(id, Diagnostic.Kind.ERROR, pattern);
  }

  Message(String id, Diagnostic.Kind kind, String pattern) {
    this.id = id;
    this.kind = kind;
    this.pattern = pattern;
  }

  /** The stable id, e.g. {@code MML-203}. */
  public String id() {
    return id;
  }

  /** ERROR or WARNING. */
  public Diagnostic.Kind kind() {
    return kind;
  }

  /** The full text: {@code [id] } followed by the formatted pattern. */
  public String format(Object... args) {
    return "[" + id + "] " + String.format(pattern, args);
  }
}
