package io.mml.runtime.modes;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.data.decoded.DataFileException;
import io.mml.runtime.models.HeadSpec;
import io.mml.runtime.models.ModelSpec;
import io.mml.runtime.models.SpecToDjl;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.train.FoldTrainer;
import io.mml.runtime.train.ModelStorage;
import io.mml.runtime.train.TrainingSetup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * The built-in {@code tl} mode (transfer learning): trains like {@code train}, but the backbone
 * starts from a model trained earlier on another task ({@code mode.pretrain_task}, found through
 * {@code reuse.models=<project>}); with {@code mode.freeze=true} only the new head trains.
 */
@Mode(id = "tl", defaults = {"sampling=train", "augmentations=basic"},
    description = "Transfer learning: trains tasks from a backbone pretrained on another task (mode.pretrain_task, reuse.models).")
public class TransferScheduler extends TrainingScheduler {
  @Param(doc = "The task whose trained model initialises the backbone (from reuse.models=<project>).")
  String pretrainTask;

  @Param(defaultValue = "false", doc = "Freeze the pretrained backbone: only the new head trains (linear probing).")
  boolean freeze;

  @Override
  protected void checkConfig(Config config) {
    super.checkConfig(config);
    if (pretrainTask == null || pretrainTask.isBlank()) {
      throw new ConfigException("mode.pretrain_task", "Mode tl needs mode.pretrain_task=<task>: the task whose trained"
          + " model initialises the backbone.");
    }
    ReusedModels.require(config, "tl", " (the project where " + pretrainTask + " was trained)");
  }

  /** The pretrained model's input channels: the new task's images are converted to them. */
  @Override
  protected int inputChannels(TaskStruct task) throws IOException {
    JsonNode shape = ModelStorage.read(pretrained()).json().path("input_shape");
    int c = shape.isArray() && shape.size() == 3 ? shape.get(0).asInt() : 0;
    return c == 1 || c == 3 ? c : super.inputChannels(task);
  }

  @Override
  protected void beforeTraining(TaskStruct task, int fold, Block block, NDManager manager, TrainingSetup setup)
      throws IOException {
    Path storageFile = pretrained();
    ModelStorage storage = ModelStorage.read(storageFile);
    JsonNode arch = storage.json().path("pipeline").path("arch");
    JsonNode now = config().node("arch").orElse(null);
    if (!arch.equals(now)) {
      throw new ConfigException("arch", "The pretrained model " + storageFile + " has architecture " + arch
          + " but this run builds " + now + ". Choose the same arch (e.g. arch=" + arch.path("id").asText("?")
          + ").");
    }
    if (storage.json().has("multitask")) {
      throw new ConfigException("mode.pretrain_task", "The pretrained model " + storageFile + " is a multitask model;"
          + " tl starts from single-task models. Train " + pretrainTask + " alone first (mml train task_list=["
          + pretrainTask + "]).");
    }
    // The pretrained model: same backbone, the head of its own task.
    HeadSpec oldHead = HeadSpec.linear(TrainingSetup.headName(storage.task()),
        storage.json().path("num_outputs").asInt());
    ModelSpec oldSpec = new ModelSpec(setup.spec().backbone(), List.of(oldHead));
    Block old = SpecToDjl.build(oldSpec);
    old.initialize(manager, DataType.FLOAT32, SpecToDjl.batchShape(oldSpec.inputShape(), 1));
    FoldTrainer.loadParams(old, manager, files().resolve(storage.path("parameters")));
    Block oldBackbone = old.getChildren().get(0).getValue();
    Block newBackbone = block.getChildren().get(0).getValue();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      oldBackbone.saveParameters(out);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      newBackbone.loadParameters(manager, in);
    } catch (ai.djl.MalformedModelException e) {
      throw new DataFileException(storageFile, "The backbone of " + storageFile + " does not fit this model: "
          + e.getMessage() + ". Pick a model trained with the same arch (reuse.models), or change arch to match it.", e);
    }
    if (freeze) {
      newBackbone.freezeParameters(true);
    }
    log.info("{} fold {}: backbone initialised from {} (task {}, fold {}){}", task.name(), fold, storageFile,
        storage.task(), storage.fold(), freeze ? ", frozen" : "");
  }

  /** The newest reused model storage of the pretrain task. */
  private Path pretrained() {
    List<Path> storages = ReusedModels.of(files(), pretrainTask);
    return storages.stream().max(Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
  }
}
