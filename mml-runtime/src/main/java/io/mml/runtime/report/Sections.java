package io.mml.runtime.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/** Finds the sections of a report kind on the class path, in page order. */
final class Sections {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

  private Sections() {}

  /** The registered sections of {@code kind}, sorted by order then id; a bad or duplicate id is an error naming the class. */
  static <S extends Section<?>> List<S> load(Class<S> kind) {
    List<S> out = new ArrayList<>();
    ServiceLoader.load(kind, Sections.class.getClassLoader()).forEach(out::add);
    return sorted(out, kind);
  }

  static <S extends Section<?>> List<S> sorted(List<S> sections, Class<?> kind) {
    List<S> out = new ArrayList<>(sections);
    out.sort(Comparator.comparingInt((S s) -> s.order()).thenComparing(Section::id));
    Set<String> ids = new HashSet<>();
    for (S s : out) {
      if (!ID.matcher(s.id()).matches() || !ids.add(s.id())) {
        throw new IllegalStateException("Report section " + s.getClass().getName() + " (a " + kind.getSimpleName()
            + ") has the id '" + s.id() + "', which is " + (ids.contains(s.id()) ? "taken by another section"
            : "not [a-z][a-z0-9-]*") + ". Give it a unique id of that form.");
      }
    }
    return out;
  }
}
