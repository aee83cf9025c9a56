package io.mml.runtime.tasktype;

import io.mml.runtime.config.ConfigException;
import io.mml.runtime.modality.Modalities;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task types on the class path, found through the {@code META-INF/services} entries the
 * processor generates for every {@code @TaskTypeDef}. An immutable object, created (or taken from
 * {@link #defaults()}) and passed on; it holds no run state.
 */
public final class TaskTypes {
  private static final Logger LOG = LoggerFactory.getLogger(TaskTypes.class);
  /** One loaded registry per class loader (the class path does not change during a run). */
  private static final Map<ClassLoader, TaskTypes> DEFAULTS = Collections.synchronizedMap(new WeakHashMap<>());

  private final Map<String, TaskType> byId;

  private TaskTypes(Map<String, TaskType> byId) {
    this.byId = Collections.unmodifiableMap(byId);
  }

  /**
   * Loads every task type visible to the class loader. A stale entry (provider class gone) is a
   * warning; the same id declared by two different classes is an error naming both.
   */
  public static TaskTypes load(ClassLoader loader) {
    Map<String, TaskType> found = new TreeMap<>();
    Map<String, String> origin = new TreeMap<>();
    Iterator<TaskTypeProvider> it = ServiceLoader.load(TaskTypeProvider.class, loader).iterator();
    while (true) {
      TaskTypeProvider p;
      try {
        if (!it.hasNext()) {
          break;
        }
        p = it.next();
      } catch (ServiceConfigurationError e) {
        LOG.warn("Skipping a stale task type registry entry ({}). Rebuild the project that declared it"
            + " (mvn clean compile).", e.getMessage());
        continue;
      }
      TaskType t = p.taskType();
      String previous = origin.putIfAbsent(t.id(), p.getClass().getName());
      if (previous != null && !previous.equals(p.getClass().getName())) {
        throw new ConfigException("task_type", "Task type '" + t.id() + "' is declared twice on the class path: by "
            + previous + " and " + p.getClass().getName() + ". Rename one @TaskTypeDef(id = ...) or remove one jar"
            + " from the class path.");
      }
      found.putIfAbsent(t.id(), t);
    }
    return new TaskTypes(found);
  }

  /** The registry of this class's loader, loaded once and cached. */
  public static TaskTypes defaults() {
    return DEFAULTS.computeIfAbsent(TaskTypes.class.getClassLoader(), TaskTypes::load);
  }

  /** A registry of exactly these task types (tests, tools). */
  public static TaskTypes of(Collection<TaskType> taskTypes) {
    Map<String, TaskType> m = new TreeMap<>();
    for (TaskType t : taskTypes) {
      if (m.putIfAbsent(t.id(), t) != null) {
        throw new IllegalArgumentException("task type '" + t.id() + "' given twice");
      }
    }
    return new TaskTypes(m);
  }

  /** The task type, or a {@link ConfigException} naming the closest registered ids. */
  public TaskType get(String id) {
    TaskType t = byId.get(id);
    if (t == null) {
      throw new ConfigException("task_type", Modalities.unknownMessage("task type", id, byId.keySet()));
    }
    return t;
  }

  /** The task type, if registered. */
  public Optional<TaskType> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** All task types, sorted by id. */
  public List<TaskType> all() {
    return new ArrayList<>(byId.values());
  }

  /** All ids, sorted. */
  public Set<String> ids() {
    return byId.keySet();
  }

  /**
   * Checks that a task's modalities satisfy one of its type's required sets.
   *
   * @param taskType the task type id (unknown ids fail as in {@link #get})
   * @param modalities the modalities the task's samples have
   * @return empty when satisfied; else a sentence naming each alternative and what it misses
   */
  public Optional<String> requiresCheck(String taskType, Set<String> modalities) {
    TaskType t = get(taskType);
    if (t.satisfiedBy(modalities)) {
      return Optional.empty();
    }
    List<String> alternatives = new ArrayList<>();
    for (Set<String> set : t.requires()) {
      Set<String> missing = new TreeSet<>(set);
      missing.removeAll(modalities);
      alternatives.add("{" + String.join(", ", new TreeSet<>(set)) + "} (missing " + String.join(", ", missing) + ")");
    }
    return Optional.of("Task type '" + taskType + "' needs the modalities " + String.join(" or ", alternatives)
        + "; the task has {" + String.join(", ", new TreeSet<>(modalities)) + "}. Add the missing modality to every"
        + " sample, or choose another task type.");
  }
}
