package io.mml.runtime.modality;

import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
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
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modalities on the class path, found through the {@code META-INF/services} entries the
 * processor generates for every {@code @ModalityDef}. A registry is an immutable object that is
 * created (or taken from {@link #defaults()}) and passed on; it holds no run state.
 */
public final class Modalities {
  private static final Logger LOG = LoggerFactory.getLogger(Modalities.class);
  /** One loaded registry per class loader (the class path does not change during a run). */
  private static final Map<ClassLoader, Modalities> DEFAULTS = Collections.synchronizedMap(new WeakHashMap<>());

  private final Map<String, Modality> byId;

  private Modalities(Map<String, Modality> byId) {
    this.byId = Collections.unmodifiableMap(byId);
  }

  /**
   * Loads every modality visible to the class loader. A stale entry (provider class gone) is a
   * warning; the same id declared by two different classes is an error naming both.
   */
  public static Modalities load(ClassLoader loader) {
    Map<String, Modality> found = new TreeMap<>();
    Map<String, String> origin = new TreeMap<>();
    Iterator<ModalityProvider> it = ServiceLoader.load(ModalityProvider.class, loader).iterator();
    while (true) {
      ModalityProvider p;
      try {
        if (!it.hasNext()) {
          break;
        }
        p = it.next();
      } catch (ServiceConfigurationError e) {
        LOG.warn("Skipping a stale modality registry entry ({}). Rebuild the project that declared it"
            + " (mvn clean compile).", e.getMessage());
        continue;
      }
      Modality m = p.modality();
      String previous = origin.putIfAbsent(m.id(), p.getClass().getName());
      if (previous != null && !previous.equals(p.getClass().getName())) {
        throw new ConfigException("modality", "Modality '" + m.id() + "' is declared twice on the class path: by "
            + previous + " and " + p.getClass().getName() + ". Rename one @ModalityDef(id = ...) or remove one jar"
            + " from the class path.");
      }
      found.putIfAbsent(m.id(), m);
    }
    return new Modalities(found);
  }

  /** The registry of this class's loader, loaded once and cached. */
  public static Modalities defaults() {
    ClassLoader loader = Modalities.class.getClassLoader();
    return DEFAULTS.computeIfAbsent(loader, Modalities::load);
  }

  /** A registry of exactly these modalities (tests, tools). */
  public static Modalities of(Collection<Modality> modalities) {
    Map<String, Modality> m = new TreeMap<>();
    for (Modality x : modalities) {
      if (m.putIfAbsent(x.id(), x) != null) {
        throw new IllegalArgumentException("modality '" + x.id() + "' given twice");
      }
    }
    return new Modalities(m);
  }

  /** The modality, or a {@link ConfigException} naming the closest registered ids. */
  public Modality get(String id) {
    Modality m = byId.get(id);
    if (m == null) {
      throw new ConfigException("modality", unknownMessage("modality", id, byId.keySet()));
    }
    return m;
  }

  /** The modality, if registered. */
  public Optional<Modality> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Whether the id is registered. */
  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  /** All modalities, sorted by id. */
  public List<Modality> all() {
    return new ArrayList<>(byId.values());
  }

  /** All ids, sorted. */
  public Set<String> ids() {
    return byId.keySet();
  }

  /** The message for an unknown id of a registry ({@code kind}: "modality", "task type"). */
  public static String unknownMessage(String kind, String id, Set<String> known) {
    if (known.isEmpty()) {
      return "Unknown " + kind + " '" + id + "': no " + kind + "s are registered at all. The mml annotation processor"
          + " did not run on their declarations: put io.mml:mml-processor on the maven-compiler-plugin's"
          + " annotationProcessorPaths and rebuild.";
    }
    return "Unknown " + kind + " '" + id + "'. Known: " + String.join(", ", known) + "."
        + ConfigException.didYouMean(Names.closest(id, known));
  }
}
