package io.mml.runtime.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.mml.runtime.config.Config;
import io.mml.runtime.data.DataSplit;
import io.mml.runtime.data.DecodedCache;
import io.mml.runtime.data.SamplingOptions;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.data.augment.AugmentationPipeline;
import io.mml.runtime.infer.TaskKind;
import io.mml.runtime.models.Backbone;
import io.mml.runtime.models.HeadSpec;
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

  /** Builds the setup of a task; the input shape comes from the first (deterministic) training sample. */
  public static TrainingSetup of(TaskStruct task, Config cfg, DecodedCache cache) throws IOException {
    TaskHeader h = task.header();
    TaskType type = TaskTypes.defaults().get(h.taskType());
    TaskKind kind = Outputs.kindOf(type.id());
    int numOutputs = Outputs.numOutputs(kind, h.numClasses());
    TaskDataset probe = dataset(task, DataSplit.FULL_TRAIN, 0, cfg, cache, false);
    var first = probe.load(0, probe.sampleRandom(0, 0)).image();
    Shape input = new Shape(first.channels(), first.height(), first.width());
    var head = type.head().get();
    boolean dense = head instanceof SpecTaskHead s && s.dense();
    Backbone backbone = ModelFactory.backbone(cfg.sub("arch"), input, dense);
    HeadSpec headSpec = SpecTaskHead.specOf(head, task.name(), numOutputs);
    ModelSpec spec = new ModelSpec(backbone, List.of(headSpec));
    Config lossSettings = cfg.has("loss." + type.route()) ? cfg.sub("loss." + type.route()) : Config.empty();
    Loss loss = type.loss().get().build(h, lossSettings);
    List<TaskMetric> metrics = new ArrayList<>();
    for (Supplier<TaskMetric> m : type.metrics()) {
      metrics.add(m.get());
    }
    return new TrainingSetup(task, type, kind, numOutputs, spec, loss, metrics);
  }

  /** A data set of a split: augmented when {@code training}, else only the deterministic steps. */
  public static TaskDataset dataset(TaskStruct task, DataSplit split, int fold, Config cfg, DecodedCache cache,
      boolean training) {
    return TaskDataset.builder(task, split, fold)
        .optPipeline(AugmentationPipeline.fromConfig(cfg, task.header(), 3))
        .optSampling(SamplingOptions.fromConfig(cfg))
        .optCache(cache)
        .optTraining(training)
        .build();
  }
}
