package io.mml.runtime.toolkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.config.Config;
import io.mml.runtime.data.DecodedCache;
import io.mml.runtime.data.SamplingOptions;
import io.mml.runtime.data.decoded.DataFileException;
import io.mml.runtime.files.ProjectFiles;
import io.mml.runtime.infer.OnnxModel;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.train.FoldTrainer;
import io.mml.runtime.train.ModelEvaluator;
import io.mml.runtime.train.ModelStorage;
import io.mml.runtime.train.TrainingSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The infrastructure a scheduler's steps build on, made from the run's composed config: data
 * modules, models (fresh, stored, or ONNX files), trainers, feature extraction, model saving and
 * ONNX Runtime evaluation. One per
 * scheduler instance (so per run or cluster job); it holds the run's decoded-image cache and
 * nothing global. The scheduler base class offers these as {@code datamodule(task)},
 * {@code model(task)}, {@code trainer(task, fold)} and {@code features(task, model)}.
 */
public final class Toolkit {
  private final Config config;
  private final ProjectFiles files;
  private DecodedCache cache;

  public Toolkit(Config config, ProjectFiles files) {
    this.config = config;
    this.files = files;
  }

  /** The run's decoded-image cache ({@code sampling.enable_caching} and its limits). */
  public synchronized DecodedCache cache() {
    if (cache == null) {
      cache = SamplingOptions.fromConfig(config).newCache();
    }
    return cache;
  }

  /** The data of a task's fold, with the input channels of {@code arch.input_channels}. */
  public DataModule datamodule(TaskStruct task, int fold) throws IOException {
    return new DataModule(task, fold, TrainingSetup.inputChannels(config, task, cache()), config, cache());
  }

  /** The data of a task's fold converted to {@code channels} channels (e.g. those of a pretrained model). */
  public DataModule datamodule(TaskStruct task, int fold, int channels) {
    return new DataModule(task, fold, channels, config, cache());
  }

  /** A fresh model for a task: the composed {@code arch} backbone and the task type's head. */
  public TaskModel model(TaskStruct task) throws IOException {
    return TaskModel.fresh(TrainingSetup.of(task, config, cache()));
  }

  /** A fresh model for a task taking {@code channels} input channels. */
  public TaskModel model(TaskStruct task, int channels) throws IOException {
    return TaskModel.fresh(TrainingSetup.of(task, config, cache(), channels));
  }

  /**
   * The model a model storage describes (written by {@code train} or {@link ModelSaver}), with its
   * trained parameters: the {@code arch} it was trained with (from the storage, not from this
   * run's config) and its input channels.
   */
  public TaskModel model(TaskStruct task, Path modelStorage) throws IOException {
    ModelStorage storage = ModelStorage.read(modelStorage);
    if (!storage.task().equals(task.name())) {
      throw new DataFileException(modelStorage, "The model storage " + modelStorage + " belongs to task "
          + storage.task() + ", not " + task.name() + ". Load it with that task's struct (struct(\"" + storage.task()
          + "\")); its backbone's features apply to any task of the same image size and channels.", null);
    }
    JsonNode arch = storage.json().path("pipeline").path("arch");
    ObjectNode tree = config.tree().deepCopy();
    if (arch.isObject()) {
      tree.set("arch", arch);
    }
    int channels = storage.json().path("input_shape").path(0).asInt(0);
    TrainingSetup setup = channels > 0 ? TrainingSetup.of(task, Config.of(tree), cache(), channels)
        : TrainingSetup.of(task, Config.of(tree), cache());
    Path params = files.resolve(storage.path("parameters"));
    if (!Files.isRegularFile(params)) {
      throw new DataFileException(params, "The parameters " + params + " of model storage " + modelStorage
          + " are missing. Train the model again (mml train task_list=[" + task.name() + "]).", null);
    }
    return new TaskModel(setup, java.util.Optional.of(Files.readAllBytes(params)));
  }

  /**
   * The model storages of {@code task} in the projects {@code reuse.models} names (every fold, in
   * the order the projects are listed; empty without {@code reuse.models} or when none trained the
   * task). Load one with {@link #model(TaskStruct, Path)}.
   */
  public List<Path> reusedModels(String task) {
    return ModelStorage.reused(files, task);
  }

  /**
   * A trainer of {@code model} on {@code data} with the composed {@code trainer}, {@code optimizer}
   * and {@code lr_scheduler}.
   *
   * @param checkpointDir where its checkpoints go (stable across continue, so a killed training resumes)
   * @param seed the training's seed
   * @param beforeTraining runs on the initialised block of a fresh training (null: nothing)
   */
  public TaskTrainer trainer(TaskModel model, DataModule data, Path checkpointDir, long seed,
      FoldTrainer.Hook beforeTraining) {
    return new TaskTrainer(model, data, config, checkpointDir, seed,
        beforeTraining == null ? (block, manager) -> {} : beforeTraining);
  }

  /** Extracts backbone embeddings; {@code seed} draws the weights of untrained models. */
  public FeatureExtractor featureExtractor(long seed) {
    return new FeatureExtractor(seed);
  }

  /** Saves trained models (parameters, checked ONNX export, curves, model storage). */
  public ModelSaver saver(boolean checkExport) {
    return new ModelSaver(files, config, checkExport);
  }

  /**
   * An ONNX model (exported by the framework or by another tool, e.g. PyTorch) in ONNX Runtime:
   * the CUDA provider when {@code allow_gpu=true} and a GPU is there, the CPU provider otherwise.
   * The caller closes it; {@link OnnxModel#signature()} names its inputs and outputs.
   *
   * @param threads intra-op threads of the CPU provider
   */
  public OnnxModel onnxModel(Path file, int threads) {
    boolean allowGpu = config.has("allow_gpu") && config.getBoolean("allow_gpu");
    return OnnxModel.open(file, OnnxModel.Options.of(allowGpu, threads));
  }

  /** Predicts and tests stored models with ONNX Runtime. */
  public ModelEvaluator evaluator(int batchSize, int threads) {
    return new ModelEvaluator(files, config, cache(), batchSize, threads);
  }
}
