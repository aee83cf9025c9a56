package io.mml.processor.write;

import java.util.Collection;
import java.util.TreeSet;

/** Writes the {@code META-INF/services} registry of generated routines, sorted, one per line. */
public final class RegistryWriter {
  /** Where {@code ServiceLoader} looks for routines. */
  public static final String PATH = "META-INF/services/io.mml.runtime.scheduler.Routine";

  /** The services file listing the routines' binary names. */
  public GeneratedFile write(Collection<String> routineNames) {
    StringBuilder out = new StringBuilder();
    for (String name : new TreeSet<>(routineNames)) {
      out.append(name).append('\n');
    }
    return new GeneratedFile(PATH, out.toString());
  }
}
