package io.mml.processor.step;

import io.mml.processor.write.RegistryWriter;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Last round: writes the {@code META-INF/services} registries of the routines and providers
 * generated in this compilation, once and sorted. Never replaces a registry with an empty one
 * (e.g. a compilation without modes).
 */
final class WriteRegistriesStep implements ProcessingStep {
  private final RegistryWriter registryWriter = new RegistryWriter();
  private final GeneratedFiles files;
  private final CompilationState state;

  WriteRegistriesStep(GeneratedFiles files, CompilationState state) {
    this.files = files;
    this.state = state;
  }

  @Override
  public void run(Round round) throws IOException {
    write(RegistryWriter.PATH, state.routines);
    write(RegistryWriter.MODALITY_PATH, state.modalityProviders);
    write(RegistryWriter.TASK_TYPE_PATH, state.taskTypeProviders);
  }

  private void write(String path, Set<String> generated) throws IOException {
    if (generated.isEmpty()) {
      return;
    }
    Set<String> all = new TreeSet<>(generated);
    all.addAll(existingEntries(path));
    files.writeResource(registryWriter.write(path, all));
  }

  /**
   * Entries of a registry already in the class output: an incremental compilation may process only
   * some modes, and the others must stay registered (as AutoService does). The runtime skips stale ones.
   */
  private Set<String> existingEntries(String path) {
    Set<String> entries = new TreeSet<>();
    files.existingResource(path).ifPresent(text -> {
      for (String line : text.split("\n")) {
        String l = line.replaceFirst("#.*", "").trim();
        if (!l.isEmpty()) {
          entries.add(l);
        }
      }
    });
    return entries;
  }
}
