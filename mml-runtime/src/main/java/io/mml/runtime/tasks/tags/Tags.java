package io.mml.runtime.tasks.tags;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The known tags: the built-ins plus any found with {@link ServiceLoader} (a plug-in may not replace a built-in). */
public final class Tags {
  private static volatile Tags defaults;
  private final Map<String, Tag> byName;

  private Tags(Map<String, Tag> byName) {
    this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
  }

  /** The built-ins plus the service-loaded tags (loaded once). */
  public static Tags defaults() {
    Tags d = defaults;
    if (d == null) {
      synchronized (Tags.class) {
        if (defaults == null) {
          Map<String, Tag> m = new TreeMap<>();
          for (Tag t : BuiltinTags.all()) {
            m.put(t.name(), t);
          }
          for (Tag t : ServiceLoader.load(Tag.class)) {
            Tag old = m.putIfAbsent(t.name(), t);
            if (old != null) {
              throw new IllegalStateException("Tag '" + t.name() + "' of " + t.getClass().getName()
                  + " clashes with " + old.getClass().getName() + "; give it another name");
            }
          }
          defaults = new Tags(m);
        }
        d = defaults;
      }
    }
    return d;
  }

  /** Exactly the given tags (for tests and embedding). */
  public static Tags of(List<Tag> tags) {
    Map<String, Tag> m = new TreeMap<>();
    tags.forEach(t -> m.put(t.name(), t));
    return new Tags(m);
  }

  /** The tag called {@code name}, or null. */
  public Tag get(String name) {
    return byName.get(name);
  }

  /** The tag names, sorted. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** "name?args, ..." of every tag, for error messages. */
  public String usages() {
    return String.join(", ", byName.values().stream().map(Tag::usage).toList());
  }
}
