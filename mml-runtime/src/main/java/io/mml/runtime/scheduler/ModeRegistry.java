package io.mml.runtime.scheduler;

import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import io.mml.runtime.config.PluginHints;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modes on the class path, found through the generated {@code META-INF/services} entries for
 * {@link Routine}. A stale entry (class gone) is a warning, not a crash.
 */
public final class ModeRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ModeRegistry.class);

  private final Map<String, Routine<?>> routines;

  private ModeRegistry(Map<String, Routine<?>> routines) {
    this.routines = Collections.unmodifiableMap(routines);
  }

  /** Loads every routine visible to the class loader. */
  public static ModeRegistry load(ClassLoader loader) {
    Map<String, Routine<?>> found = new TreeMap<>();
    @SuppressWarnings("rawtypes")
    Iterator<Routine> it = ServiceLoader.load(Routine.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        Routine<?> r = it.next();
        Routine<?> previous = found.putIfAbsent(r.modeId(), r);
        if (previous != null && previous.getClass() != r.getClass()) {
          throw new ConfigException("mode", "Mode id '" + r.modeId() + "' is declared twice on the class path: by "
              + previous.schedulerType().getName() + " and " + r.schedulerType().getName()
              + ". Rename one @Mode(id = ...) or remove one jar from the class path.");
        }
      } catch (ServiceConfigurationError e) {
        LOG.warn("Skipping a stale mode registry entry ({}). Rebuild the project that declared it (mvn clean compile).",
            e.getMessage());
      }
    }
    return new ModeRegistry(found);
  }

  /** Loads every routine visible to this class's loader. */
  public static ModeRegistry load() {
    return load(ModeRegistry.class.getClassLoader());
  }

  /** Builds a registry from the given routines (tests). */
  public static ModeRegistry of(List<Routine<?>> list) {
    Map<String, Routine<?>> m = new TreeMap<>();
    for (Routine<?> r : list) {
      m.put(r.modeId(), r);
    }
    return new ModeRegistry(m);
  }

  /** All mode ids, sorted. */
  public List<String> ids() {
    return new ArrayList<>(routines.keySet());
  }

  /** All routines, sorted by mode id. */
  public List<Routine<?>> all() {
    return new ArrayList<>(routines.values());
  }

  /** The routine of a mode, or a {@link ConfigException} naming the closest valid ids. */
  public Routine<?> get(String modeId) {
    Routine<?> r = routines.get(modeId);
    if (r == null) {
      String hint = routines.isEmpty()
          ? " No modes are registered at all: the mml annotation processor did not run. Put io.mml:mml-processor"
              + " on the maven-compiler-plugin's annotationProcessorPaths and rebuild."
          : " Known modes: " + String.join(", ", routines.keySet()) + "."
              + ConfigException.didYouMean(Names.closest(modeId, routines.keySet())) + PluginHints.forMode(modeId);
      throw new ConfigException("mode", "Unknown mode '" + modeId + "'." + hint);
    }
    return r;
  }

  /**
   * The routine generated for a scheduler class: fails loudly, naming the likely cause, when the
   * class has {@code @Mode} but no routine (processor not on the processor path).
   */
  public Routine<?> forScheduler(Class<?> schedulerClass) {
    for (Routine<?> r : routines.values()) {
      if (r.schedulerType() == schedulerClass) {
        return r;
      }
    }
    throw new IllegalStateException("No generated routine for " + schedulerClass.getName()
        + ": the mml annotation processor did not run on it. Put io.mml:mml-processor on the"
        + " maven-compiler-plugin's annotationProcessorPaths (javac -processorpath) and rebuild.");
  }
}
