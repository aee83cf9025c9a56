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
  SUBROUTINE_WITHOUT_MODE("MML-207", "@Subroutine method %s is in %s, which has no @Mode; it would never run. Add @Mode to the class or remove @Subroutine."),
  COMPANION_WITHOUT_SUBROUTINE("MML-208", "@%s on method %s needs @Subroutine on the same method. Add @Subroutine(\"name\") or remove @%s."),
  SUBROUTINE_NAME_INVALID("MML-209", "@Subroutine name '%s' on %s is invalid: %s. Use e.g. @Subroutine(\"%s\")."),
  RESOURCES_INVALID("MML-210", "@Resources %s = %s on %s is invalid: %s."),

  PARAM_FINAL("MML-301", "@Param field %s must not be final: the generated routine assigns it. Remove 'final'."),
  PARAM_STATIC("MML-302", "@Param field %s must not be static: parameters belong to one run. Remove 'static'."),
  PARAM_TYPE("MML-303", "@Param field %s has the unsupported type %s. Supported: int, long, double, float, boolean, Integer, Long, Double, Float, Boolean, String, java.nio.file.Path, enums, List<String>, List<Integer>, List<Long>, List<Double>, List<Boolean>."),
  PARAM_DEFAULT("MML-304", "@Param defaultValue \"%s\" of %s does not parse as %s: %s"),
  PARAM_PRIVATE("MML-305", "@Param field %s must not be private: the generated routine assigns it directly. Make it package-private."),
  PARAM_DUPLICATE("MML-306", "@Param key '%s' of %s is already used by field %s. Give one of them another key (@Param(key = \"...\"))."),
  PARAM_WITHOUT_MODE("MML-307", "@Param field %s is in %s, which has no @Mode; it would never be bound. Add @Mode to the class or remove @Param."),
  PARAM_KEY_INVALID("MML-308", "@Param key '%s' of %s is invalid: it must match [a-z][a-z0-9_]*. Set e.g. @Param(key = \"%s\")."),

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
