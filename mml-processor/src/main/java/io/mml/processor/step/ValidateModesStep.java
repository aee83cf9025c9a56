package io.mml.processor.step;

import io.mml.processor.validate.ModeValidator;
import javax.lang.model.element.TypeElement;

/** Validates each collected {@code @Mode} class: prints its problems, keeps its model when clean, defers it when a type is missing. */
final class ValidateModesStep implements ProcessingStep {
  private final ModeValidator validator;
  private final CompilationState state;
  private final Reporter reporter;

  ValidateModesStep(ModeValidator validator, CompilationState state, Reporter reporter) {
    this.validator = validator;
    this.state = state;
    this.reporter = reporter;
  }

  @Override
  public void run(Round round) {
    for (TypeElement mode : round.modes) {
      round.focus(mode);
      ModeValidator.Result result = validator.validate(mode);
      if (result.unresolved().isPresent()) {
        // Another processor may generate the type in a later round; MML-903 if it never appears.
        state.deferredModes.put(mode.getQualifiedName().toString(), result.unresolved().get());
        continue;
      }
      reporter.printAll(result.problems());
      result.model().ifPresent(m -> round.validModes.add(new Round.Valid<>(m, mode)));
    }
  }
}
