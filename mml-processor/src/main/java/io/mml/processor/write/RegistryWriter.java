package io.mml.processor.write;

import java.util.Collection;
import java.util.TreeSet;

/** Writes the {@code META-INF/services} registries of generated routines and providers, sorted, one per line. */
public final class RegistryWriter {
  /** Where {@code ServiceLoader} looks for routines. */
  public static final String PATH = "META-INF/services/io.mml.runtime.scheduler.Routine";

  /** Where {@code ServiceLoader} looks for modality providers. */
  public static final String MODALITY_PATH = "META-INF/services/io.mml.runtime.modality.ModalityProvider";
  /** Where {@code ServiceLoader} looks for task type providers. */
  public static final String TASK_TYPE_PATH = "META-INF/services/io.mml.runtime.tasktype.TaskTypeProvider";

  /** The services file listing the routines' binary names. */
  public GeneratedFile write(Collection<String> routineNames) {
    return write(PATH, routineNames);
  }

  /** A services file at {@code path} listing the binary names, sorted, one per line. */
  public GeneratedFile write(String path, Collection<String> binaryNames) {
    StringBuilder out = new StringBuilder();
    for (String name : new TreeSet<>(binaryNames)) {
      out.append(name).append('\n');
    }
    return new GeneratedFile(path, out.toString());
  }
}
