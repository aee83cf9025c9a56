package io.mml.processor.step;

import io.mml.processor.model.ModalityModel;
import io.mml.processor.model.TaskTypeModel;
import io.mml.processor.write.ExtensionWriter;
import io.mml.processor.write.GeneratedFile;
import io.mml.processor.write.TaskTypeYamlWriter;
import java.io.IOException;

/**
 * Writes each clean modality's and task type's provider and marker class, the {@code loss/<route>}
 * and {@code metrics/<route>} stubs of trainable task types, and remembers the providers for the registries.
 */
final class WriteExtensionsStep implements ProcessingStep {
  private final ExtensionWriter extensionWriter = new ExtensionWriter();
  private final TaskTypeYamlWriter taskTypeYamlWriter = new TaskTypeYamlWriter();
  private final GeneratedFiles files;
  private final CompilationState state;

  WriteExtensionsStep(GeneratedFiles files, CompilationState state) {
    this.files = files;
    this.state = state;
  }

  @Override
  public void run(Round round) throws IOException {
    for (Round.Valid<ModalityModel> modality : round.validModalities) {
      round.focus(modality.origin());
      GeneratedFile provider = extensionWriter.provider(modality.model());
      if (files.writeSource(provider, modality.origin())) {
        state.modalityProviders.add(provider.name());
      }
      files.writeSource(extensionWriter.marker(modality.model()), modality.origin());
    }
    for (Round.Valid<TaskTypeModel> taskType : round.validTaskTypes) {
      round.focus(taskType.origin());
      TaskTypeModel model = taskType.model();
      GeneratedFile provider = extensionWriter.provider(model);
      if (files.writeSource(provider, taskType.origin())) {
        state.taskTypeProviders.add(provider.name());
      }
      files.writeSource(extensionWriter.marker(model), taskType.origin());
      if (model.trainable()) {
        files.writeResource(taskTypeYamlWriter.loss(model), taskType.origin());
        files.writeResource(taskTypeYamlWriter.metrics(model), taskType.origin());
      }
    }
  }
}
