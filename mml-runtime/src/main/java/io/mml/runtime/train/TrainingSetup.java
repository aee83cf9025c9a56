package io.mml.runtime.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.data.DataSplit;
import io.mml.runtime.data.DecodedCache;
import io.mml.runtime.data.SamplingOptions;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.data.augment.AugmentationPipeline;
import io.mml.runtime.infer.TaskKind;
import io.mml.runtime.models.Backbone;
import io.mml.runtime.models.HeadSpec;
import io.mml.runtime.models.Layer;
import io.mml.runtime.models.ModelFactory;
import io.mml.runtime.models.ModelSpec;
import io.mml.runtime.models.SpecTaskHead;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.tasktype.TaskMetric;
import io.mml.runtime.tasktype.TaskType;
import io.mml.runtime.tasktype.TaskTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything a training or evaluation of one task needs, built from the task's type and the run
 * config: data sets per split, the model spec (backbone from {@code arch}, head from the task type),
 * the loss (from {@code loss.<route>}) and the metrics.
 *
 * @param task the task
 * @param type its task type
 * @param kind what the outputs mean
 * @param numOutputs outputs per sample
 * @param spec the model
 * @param loss the loss
 * @param metrics the metrics
 */
public record TrainingSetup(TaskStruct task, TaskType type, TaskKind kind, int numOutputs, ModelSpec spec, Loss loss,
    List<TaskMetric> metrics) {

  /**
   * Builds the setup of a task with the input channels of {@code arch.input_channels}; the input
   * shape comes from the first (deterministic) training sample.
   */
  public static TrainingSetup of(TaskStruct task, Config cfg, DecodedCache cache) throws IOException {
    return of(task, cfg, cache, inputChannels(cfg, task, cache));
  }

  /** As {@link #of(TaskStruct, Config, DecodedCache)} with the model's input channel count given. */
  public static TrainingSetup of(TaskStruct task, Config cfg, DecodedCache cache, int channels) throws IOException {
    TaskHeader h = task.header();
    TaskType type = TaskTypes.defaults().get(h.taskType());
    TaskKind kind = Outputs.kindOf(type.id());
    int numOutputs = Outputs.numOutputs(kind, h.numClasses());
    TaskDataset probe = dataset(task, DataSplit.FULL_TRAIN, 0, cfg, cache, false, channels);
    var first = probe.load(0, probe.sampleRandom(0, 0)).image();
    Shape input = new Shape(first.channels(), first.height(), first.width());
    var head = type.head().get();
    boolean dense = head instanceof SpecTaskHead s && s.dense();
    Backbone backbone = ModelFactory.backbone(cfg.sub("arch"), input, dense);
    HeadSpec headSpec = SpecTaskHead.specOf(head, headName(task.name()), numOutputs);
    if (dense) {
      headSpec = toInputResolution(headSpec, backbone, input, task.name());
    }
    ModelSpec spec = new ModelSpec(backbone, List.of(headSpec));
    Config lossSettings = cfg.has("loss." + type.route()) ? cfg.sub("loss." + type.route()) : Config.empty();
    Loss loss = type.loss().get().build(h, lossSettings);
    List<TaskMetric> metrics = new ArrayList<>();
    for (Supplier<TaskMetric> m : type.metrics()) {
      metrics.add(m.get());
    }
    return new TrainingSetup(task, type, kind, numOutputs, spec, loss, metrics);
  }

  /**
   * The head name of a task, which names its ONNX output ({@code logits_<head>}): the task name with
   * every character outside {@code [A-Za-z0-9_.-]} (the '+' and '?' of tags) replaced by '_'.
   */
  public static String headName(String task) {
    return task.replaceAll("[^A-Za-z0-9_.\\-]", "_");
  }

  /**
   * A multitask model: one shared backbone, one head per task (task order), each head built from
   * its task's type.
   *
   * @param setups the setup of each task (its own one-head spec, loss, metrics)
   * @param spec the joint model; head {@code i} belongs to {@code setups.get(i)}
   */
  public record Joint(List<TrainingSetup> setups, ModelSpec spec) {
    public Joint {
      setups = List.copyOf(setups);
    }
  }

  /**
   * The joint setup of several tasks. They must share the input shape and the backbone (all dense
   * heads, e.g. segmentation, or none); a clear error names the tasks otherwise.
   */
  public static Joint joint(List<TaskStruct> tasks, Config cfg, DecodedCache cache) throws IOException {
    List<TrainingSetup> setups = new ArrayList<>();
    List<HeadSpec> heads = new ArrayList<>();
    // One input for all: grey tasks are widened when another task of the model is in colour.
    int channels = 0;
    for (TaskStruct t : tasks) {
      channels = Math.max(channels, inputChannels(cfg, t, cache));
    }
    for (TaskStruct t : tasks) {
      TrainingSetup s = of(t, cfg, cache, channels);
      TrainingSetup first = setups.isEmpty() ? s : setups.get(0);
      if (!s.spec().inputShape().equals(first.spec().inputShape())) {
        throw new ConfigException("mode.multitask", "A multitask model takes one input size, but task "
            + first.task().name() + " has images of " + first.spec().inputShape() + " and task " + t.name() + " of "
            + s.spec().inputShape() + ". Resize them to one size (e.g. preprocessing=size64, or a resize step in"
            + " augmentations.pipeline) and give them one channel count (arch.input_channels=3 or 1), or train them"
            + " separately (mode.multitask=false).");
      }
      if (!s.spec().backbone().equals(first.spec().backbone())) {
        throw new ConfigException("mode.multitask", "Tasks " + first.task().name() + " (" + first.type().id()
            + ") and " + t.name() + " (" + s.type().id() + ") need different backbone outputs (pixel-wise versus"
            + " per-image heads) and cannot share one model; train them separately (mode.multitask=false).");
      }
      setups.add(s);
      heads.add(s.spec().heads().get(0));
    }
    if (setups.isEmpty()) {
      throw new IllegalArgumentException("no tasks");
    }
    return new Joint(setups, new ModelSpec(setups.get(0).spec().backbone(), heads));
  }

  /**
   * A dense head (segmentation) predicts at the backbone's resolution; nearest upsampling by the
   * backbone's stride brings its logits to the input's, where the masks are.
   */
  static HeadSpec toInputResolution(HeadSpec head, Backbone backbone, Shape input, String task) {
    long fh = backbone.outputShape().get(1);
    long fw = backbone.outputShape().get(2);
    if (fh == input.get(1) && fw == input.get(2)) {
      return head;
    }
    long factor = input.get(1) / fh;
    if (fh * factor != input.get(1) || fw * factor != input.get(2)) {
      throw new ConfigException("arch", "Task " + task + ": the backbone maps " + input.get(1) + "x" + input.get(2)
          + " images to " + fh + "x" + fw + " features, which no integer upsampling brings back to the mask size."
          + " Use image sizes divisible by the backbone's stride (e.g. preprocessing=size32 or size64).");
    }
    return new HeadSpec(head.task(), Layer.Sequential.of(head.layer(), new Layer.UpsampleNearest((int) factor)));
  }

  /** The model's input channel count. */
  public int channels() {
    return (int) spec.inputShape().get(0);
  }

  /**
   * A data set of a split with this setup's input channels: augmented when {@code training}, else
   * only the deterministic steps.
   */
  public TaskDataset dataset(DataSplit split, int fold, Config cfg, DecodedCache cache, boolean training) {
    return dataset(task, split, fold, cfg, cache, training, channels());
  }

  /**
   * Checks {@code arch.input_channels} (a mode calls this before anything is written).
   *
   * @return 1 or 3 when fixed, 0 for {@code auto}
   */
  public static int checkInputChannels(Config cfg) {
    String v = cfg.has(INPUT_CHANNELS) ? cfg.getString(INPUT_CHANNELS) : "auto";
    if (v.equals("1") || v.equals("3")) {
      return Integer.parseInt(v);
    }
    if (!v.equals("auto")) {
      throw new ConfigException(INPUT_CHANNELS, "Config key '" + INPUT_CHANNELS + "' must be auto, 1 or 3; found '"
          + v + "'. Use auto (the task's channels), 1 (grey) or 3 (RGB).");
    }
    return 0;
  }

  /** The key that chooses the input channels. */
  public static final String INPUT_CHANNELS = "arch.input_channels";

  /**
   * The input channel count {@code arch.input_channels} asks for: {@code auto} gives the task's own
   * (the length of its channel statistics, else the channels of its first image), so grey tasks
   * train on one channel; {@code 1} or {@code 3} convert every image. A config saved before the key
   * existed counts as {@code auto}.
   */
  public static int inputChannels(Config cfg, TaskStruct task, DecodedCache cache) throws IOException {
    int fixed = checkInputChannels(cfg);
    if (fixed > 0) {
      return fixed;
    }
    int n = task.header().means().size();
    if (n == 1 || n == 3) {
      return n;
    }
    TaskDataset probe = dataset(task, DataSplit.FULL_TRAIN, 0, cfg, cache, false, 0);
    if (probe.size() == 0) {
      return 3;
    }
    return probe.load(0, probe.sampleRandom(0, 0)).image().channels();
  }

  /**
   * A data set of a split with {@code arch.input_channels}: augmented when {@code training}, else
   * only the deterministic steps.
   */
  public static TaskDataset dataset(TaskStruct task, DataSplit split, int fold, Config cfg, DecodedCache cache,
      boolean training) throws IOException {
    return dataset(task, split, fold, cfg, cache, training, inputChannels(cfg, task, cache));
  }

  /** A data set of a split whose images are converted to {@code channels} channels (0: as the files have them). */
  public static TaskDataset dataset(TaskStruct task, DataSplit split, int fold, Config cfg, DecodedCache cache,
      boolean training, int channels) {
    return TaskDataset.builder(task, split, fold)
        .optPipeline(AugmentationPipeline.fromConfig(cfg, task.header(), channels))
        .optSampling(SamplingOptions.fromConfig(cfg))
        .optCache(cache)
        .optTraining(training)
        .build();
  }
}
