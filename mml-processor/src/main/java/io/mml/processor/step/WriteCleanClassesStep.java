package io.mml.processor.step;

import io.mml.processor.write.GeneratedFile;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.TypeElement;

/**
 * The shape the write steps share: for each clean class of one kind, focus it, write its main
 * source (a routine or provider, remembered for the last round's registry when created now), then
 * its companion files (YAML stubs, marker classes).
 */
abstract class WriteCleanClassesStep implements ProcessingStep {
  final GeneratedFiles files;
  final CompilationState state;

  WriteCleanClassesStep(GeneratedFiles files, CompilationState state) {
    this.files = files;
    this.state = state;
  }

  /** Writes the files of one clean class that follow its main source. */
  @FunctionalInterface
  interface Companions<T> {
    void write(T model, TypeElement origin) throws IOException;
  }

  /**
   * @param mainSource the model's main source
   * @param registry the binary names of the main sources created in this compilation
   */
  final <T> void writeEach(Round round, List<Round.Valid<T>> clean, Function<T, GeneratedFile> mainSource,
      Set<String> registry, Companions<T> companions) throws IOException {
    for (Round.Valid<T> c : clean) {
      round.focus(c.origin());
      GeneratedFile main = mainSource.apply(c.model());
      if (files.writeSource(main, c.origin())) {
        registry.add(main.name());
      }
      companions.write(c.model(), c.origin());
    }
  }
}
