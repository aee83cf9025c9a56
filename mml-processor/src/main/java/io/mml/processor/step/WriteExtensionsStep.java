package io.mml.processor.step;

import io.mml.processor.write.ExtensionWriter;
import io.mml.processor.write.TaskTypeYamlWriter;
import java.io.IOException;

/**
 * Writes each clean modality's and task type's provider and marker class, the {@code loss/<route>}
 * and {@code metrics/<route>} stubs of trainable task types, and remembers the providers for the registries.
 */
final class WriteExtensionsStep extends WriteCleanClassesStep {
  private final ExtensionWriter extensionWriter = new ExtensionWriter();
  private final TaskTypeYamlWriter taskTypeYamlWriter = new TaskTypeYamlWriter();

  WriteExtensionsStep(GeneratedFiles files, CompilationState state) {
    super(files, state);
  }

  @Override
  public void run(Round round) throws IOException {
    writeEach(round, round.validModalities, extensionWriter::provider, state.modalityProviders,
        (modality, origin) -> files.writeSource(extensionWriter.marker(modality), origin));
    writeEach(round, round.validTaskTypes, extensionWriter::provider, state.taskTypeProviders, (taskType, origin) -> {
      files.writeSource(extensionWriter.marker(taskType), origin);
      if (taskType.trainable()) {
        files.writeResource(taskTypeYamlWriter.loss(taskType), origin);
        files.writeResource(taskTypeYamlWriter.metrics(taskType), origin);
      }
    });
  }
}
