package io.mml.processor.step;

import io.mml.processor.model.ModeModel;
import io.mml.processor.write.GeneratedFile;
import io.mml.processor.write.ModeYamlWriter;
import io.mml.processor.write.RoutineWriter;
import java.io.IOException;

/** Writes each clean mode's {@code <Scheduler>_Routine} and its {@code mode/<id>.yaml} stub, and remembers the routine for the registry. */
final class WriteModesStep implements ProcessingStep {
  private final RoutineWriter routineWriter = new RoutineWriter();
  private final ModeYamlWriter yamlWriter = new ModeYamlWriter();
  private final GeneratedFiles files;
  private final CompilationState state;

  WriteModesStep(GeneratedFiles files, CompilationState state) {
    this.files = files;
    this.state = state;
  }

  @Override
  public void run(Round round) throws IOException {
    for (Round.Valid<ModeModel> mode : round.validModes) {
      round.focus(mode.origin());
      GeneratedFile routine = routineWriter.write(mode.model());
      if (files.writeSource(routine, mode.origin())) {
        state.routines.add(routine.name());
      }
      files.writeResource(yamlWriter.write(mode.model()), mode.origin());
    }
  }
}
