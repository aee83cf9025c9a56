package io.mml.processor.validate;

import io.mml.processor.model.TaskTypeModel.LossModel;
import io.mml.processor.model.TaskTypeModel.MetricModel;
import io.mml.processor.model.TaskTypeModel.Setting;
import io.mml.processor.model.TypeRef;
import io.mml.processor.validate.ComponentRules.Component;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The training parts of a {@code @TaskTypeDef}. A trainable type has a valid route (MML-419) that
 * no other task type of the compilation uses (MML-421), a head (MML-412), a loss (MML-413) whose
 * {@code SETTING_*} constants become its settings, and metrics (MML-414) with unique names
 * (MML-422); an untrainable type names none of them (MML-415). It remembers the routes declared so
 * far, so it lives for the whole compilation.
 */
final class TrainingRules {
  static final String TASK_HEAD = "io.mml.runtime.tasktype.TaskHead";
  static final String TASK_LOSS = "io.mml.runtime.tasktype.TaskLoss";
  static final String TASK_METRIC = "io.mml.runtime.tasktype.TaskMetric";
  /** Prefix of the String constants of a loss class that name its settings keys. */
  static final String SETTING_PREFIX = "SETTING_";

  /**
   * The checked parts; all empty (route "", head and loss null, no metrics) for an untrainable type.
   *
   * @param complete false when a part is missing or erroneous (no model can be built)
   */
  record Training(String route, TypeRef head, LossModel loss, List<MetricModel> metrics, boolean complete) {}

  private final Elements elements;
  private final Annotations annotations;
  private final ComponentRules components;
  /** Route to {task type id, declaring class}, in this compilation. */
  private final Map<String, String[]> routes = new HashMap<>();

  TrainingRules(Elements elements, Annotations annotations, ComponentRules components) {
    this.elements = elements;
    this.annotations = annotations;
    this.components = components;
  }

  /** Checks the parts of a trainable task type, or that an untrainable one names none. */
  Training check(TypeElement type, AnnotationMirror m, String id, boolean trainable, List<Problem> problems) {
    String name = type.getQualifiedName().toString();
    if (!trainable) {
      untrainable(type, m, id, name, problems);
      return new Training("", null, null, new ArrayList<>(), true);
    }
    String route = annotations.string(m, "route");
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
    Component h = components.required(type, m, "head", "@TaskTypeDef head", TASK_HEAD, Message.TASK_TYPE_NO_HEAD, id,
        problems);
    Component l = components.required(type, m, "loss", "@TaskTypeDef loss", TASK_LOSS, Message.TASK_TYPE_NO_LOSS, id,
        problems);
    LossModel loss = l.ref() == null ? null : new LossModel(l.ref(), settings(l.element()));
    List<MetricModel> metrics = new ArrayList<>();
    boolean complete = h.ref() != null && loss != null;
    complete &= metrics(type, m, id, name, metrics, problems);
    return new Training(route, h.ref(), loss, metrics, complete);
  }

  private void untrainable(TypeElement type, AnnotationMirror m, String id, String name, List<Problem> problems) {
    for (String member : List.of("head", "loss")) {
      AnnotationValue v = Annotations.explicit(m, member);
      if (v != null && !ComponentRules.isVoid(v)) {
        problems.add(Problem.of(Message.TASK_TYPE_UNTRAINABLE_PARTS, type, m, v, id, name, "a " + member));
      }
    }
    AnnotationValue v = Annotations.explicit(m, "metrics");
    if (v != null && v.getValue() instanceof List<?> list && !list.isEmpty()) {
      problems.add(Problem.of(Message.TASK_TYPE_UNTRAINABLE_PARTS, type, m, v, id, name, "metrics"));
    }
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
      Component c = components.check(type, m, v, "@TaskTypeDef metrics[" + i + "]", TASK_METRIC, problems);
      if (c.ref() == null) {
        complete = false;
        continue;
      }
      String metricName = JavaTypes.stringConstant(c.element(), "NAME")
          .orElse(Names.snakeCase(c.element().getSimpleName().toString()));
      String first = byName.putIfAbsent(metricName, c.ref().canonicalName());
      if (first != null) {
        problems.add(Problem.of(Message.TASK_TYPE_METRIC_DUPLICATE, type, m, v, c.ref().canonicalName(), id, name,
            metricName, first));
        complete = false;
        continue;
      }
      out.add(new MetricModel(c.ref(), metricName));
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
}
