package io.mml.processor.step;

import io.mml.processor.model.TypeRef;
import io.mml.processor.option.MmlOptions;
import io.mml.processor.write.MainWriter;
import java.io.IOException;
import java.util.Comparator;
import javax.lang.model.element.Element;

/**
 * Writes the project's main class once, in the first round with a clean mode (a source written
 * in the last round is not compiled by some tools), unless {@code -Amml.main=none}. Its default
 * name is {@code MmlMain} in the package of the alphabetically first mode of that round.
 */
final class WriteMainStep implements ProcessingStep {
  private final MainWriter mainWriter = new MainWriter();
  private final MmlOptions options;
  private final boolean generatedAvailable;
  private final GeneratedFiles files;
  private final CompilationState state;

  WriteMainStep(MmlOptions options, boolean generatedAvailable, GeneratedFiles files, CompilationState state) {
    this.options = options;
    this.generatedAvailable = generatedAvailable;
    this.files = files;
    this.state = state;
  }

  @Override
  public void run(Round round) throws IOException {
    if (round.validModes.isEmpty() || state.mainWritten || !options.mainEnabled()) {
      return;
    }
    state.mainWritten = true;
    String name = options.mainClass().orElseGet(() -> {
      String pkg = round.validModes.stream().map(v -> v.model().scheduler())
          .min(Comparator.comparing(TypeRef::canonicalName)).orElseThrow().packageName();
      return pkg.isEmpty() ? "MmlMain" : pkg + ".MmlMain";
    });
    Element[] origins = round.validModes.stream().map(Round.Valid::origin).toArray(Element[]::new);
    files.writeSource(mainWriter.write(name, generatedAvailable), origins);
  }
}
