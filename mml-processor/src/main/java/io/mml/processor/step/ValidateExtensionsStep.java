package io.mml.processor.step;

import io.mml.processor.model.ModalityModel;
import io.mml.processor.model.TaskTypeModel;
import io.mml.processor.validate.ExtensionValidator;
import javax.lang.model.element.TypeElement;

/**
 * Validates the collected {@code @ModalityDef} classes, then the {@code @TaskTypeDef} classes
 * (which may name the modalities of the same round); a task type naming a modality nobody
 * declared yet is deferred to the next round.
 */
final class ValidateExtensionsStep implements ProcessingStep {
  private final ExtensionValidator validator;
  private final CompilationState state;
  private final Reporter reporter;

  ValidateExtensionsStep(ExtensionValidator validator, CompilationState state, Reporter reporter) {
    this.validator = validator;
    this.state = state;
    this.reporter = reporter;
  }

  @Override
  public void run(Round round) {
    for (TypeElement modality : round.modalities) {
      round.focus(modality);
      ExtensionValidator.Result<ModalityModel> result = validator.validateModality(modality);
      reporter.printAll(result.problems());
      result.model().ifPresent(m -> round.validModalities.add(new Round.Valid<>(m, modality)));
    }
    for (TypeElement taskType : round.taskTypes) {
      round.focus(taskType);
      ExtensionValidator.Result<TaskTypeModel> result = validator.validateTaskType(taskType, false);
      if (result.deferred()) {
        state.deferredTaskTypes.add(taskType.getQualifiedName().toString());
        continue;
      }
      reporter.printAll(result.problems());
      result.model().ifPresent(m -> round.validTaskTypes.add(new Round.Valid<>(m, taskType)));
    }
  }
}
