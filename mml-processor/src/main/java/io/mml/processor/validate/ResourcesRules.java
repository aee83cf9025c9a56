package io.mml.processor.validate;

import io.mml.processor.model.ResourcesModel;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;

/** The values of one {@code @Resources}: counts in range and Slurm-style memory and time (MML-210). */
final class ResourcesRules {
  private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]*[KMGT]");
  private static final Pattern TIME = Pattern.compile("[0-9]+:[0-5][0-9]|([0-9]+-)?[0-9]+:[0-5][0-9]:[0-5][0-9]");

  private final Annotations annotations;

  ResourcesRules(Annotations annotations) {
    this.annotations = annotations;
  }

  /** The resources, or empty when a value is invalid (then reported). */
  Optional<ResourcesModel> check(ExecutableElement m, AnnotationMirror res, MemberScope scope) {
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
}
