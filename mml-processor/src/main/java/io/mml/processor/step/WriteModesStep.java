package io.mml.processor.step;

import io.mml.processor.write.ModeYamlWriter;
import io.mml.processor.write.RoutineWriter;
import java.io.IOException;

/** Writes each clean mode's {@code <Scheduler>_Routine} and its {@code mode/<id>.yaml} stub, and remembers the routine for the registry. */
final class WriteModesStep extends WriteCleanClassesStep {
  private final RoutineWriter routineWriter = new RoutineWriter();
  private final ModeYamlWriter yamlWriter = new ModeYamlWriter();

  WriteModesStep(GeneratedFiles files, CompilationState state) {
    super(files, state);
  }

  @Override
  public void run(Round round) throws IOException {
    writeEach(round, round.validModes, routineWriter::write, state.routines,
        (mode, origin) -> files.writeResource(yamlWriter.write(mode), origin));
  }
}
