package io.mml.runtime.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.data.decoded.DataFileException;
import io.mml.runtime.data.MultiTaskBatches;
import io.mml.runtime.data.Sample;
import io.mml.runtime.data.SampleBatches;
import io.mml.runtime.data.Seeds;
import io.mml.runtime.data.TaskBatch;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.infer.TaskKind;
import io.mml.runtime.models.ModelSpec;
import io.mml.runtime.models.MultitaskLoss;
import io.mml.runtime.models.SpecToDjl;
import io.mml.runtime.tasktype.Predictions;
import io.mml.runtime.tasktype.TaskMetric;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one model on one fold with DJL: epochs over the training split, validation after each
 * epoch with the task type's metrics, the best model kept by the monitored value, early stopping, a
 * learning-rate schedule, and checkpoints (on a time interval) from which an interrupted training
 * resumes at the batch it reached.
 *
 * <p>The model trains on one task or, multitask, on several at once: one {@link Part} per task, each
 * with its head (an output of the model), loss, metrics, data and loss weight. Multitask steps take
 * one sub-batch per task ({@link MultiTaskBatches}) and minimise the {@link MultitaskLoss} (weights
 * normalised to sum 1, so the loss is the weighted mean of the tasks' losses). Validation runs per
 * task; metrics are recorded as {@code <task>/<metric>} and {@code <task>/val_loss}, and
 * {@code val_loss} is the weighted mean of the tasks' validation losses. Everything else
 * (monitor, early stopping, schedules, checkpoints, resume) is the same for one task and several.
 *
 * <p>Checkpoints hold the parameters, the optimizer's state ({@link StatefulOptimizer}: Adam's
 * moments and step counts), the schedule position and the loop's state; data order and
 * augmentation are functions of (seed, epoch, position) and the engine's random stream is re-seeded
 * per epoch, so a training resumed at an epoch boundary continues exactly as the uninterrupted one.
 */
public final class FoldTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(FoldTrainer.class);

  /**
   * One task of a training.
   *
   * @param task the task name (the prefix of its metrics in a multitask training)
   * @param output the index of its head among the model's outputs
   * @param kind what its outputs mean
   * @param loss its loss
   * @param metrics its validation metrics
   * @param train its training split (augmented)
   * @param val its validation split (may be empty)
   * @param weight its loss weight (&gt;= 0; only the ratios between tasks matter)
   */
  public record Part(String task, int output, TaskKind kind, Loss loss, List<TaskMetric> metrics, TaskDataset train,
      TaskDataset val, double weight) {
    public Part {
      metrics = List.copyOf(metrics);
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("task weight of " + task + " must be finite and >= 0, got " + weight);
      }
    }
  }

  /**
   * What one training needs.
   *
   * @param name a name for logs ({@code demo_shapes fold 0})
   * @param spec the model (backbone and heads)
   * @param parts the tasks it trains on, one per head used (several: a multitask training)
   * @param config the run config (optimizer, lr_scheduler, trainer, sampling)
   * @param checkpointDir where checkpoints go (kept across continue)
   * @param seed the seed of this training
   * @param beforeTraining runs on the initialised block of a fresh (not resumed) training
   */
  public record Job(String name, ModelSpec spec, List<Part> parts, Config config, Path checkpointDir, long seed,
      Hook beforeTraining) {
    public Job {
      parts = List.copyOf(parts);
      if (parts.isEmpty()) {
        throw new IllegalArgumentException("a training needs at least one task");
      }
      if (parts.stream().map(Part::task).distinct().count() != parts.size()) {
        throw new IllegalArgumentException("two parts of the same task: " + parts.stream().map(Part::task).toList());
      }
      if (parts.size() > 1 && parts.stream().mapToDouble(Part::weight).sum() <= 0) {
        throw new IllegalArgumentException("the task weights must not all be 0");
      }
    }

    /** A one-task training (head 0). */
    public Job(String name, ModelSpec spec, TaskKind kind, Loss loss, List<TaskMetric> metrics, TaskDataset train,
        TaskDataset val, Config config, Path checkpointDir, long seed, Hook beforeTraining) {
      this(name, spec, List.of(new Part(train.task().name(), 0, kind, loss, metrics, train, val, 1)), config,
          checkpointDir, seed, beforeTraining);
    }

    /** Whether it trains several tasks at once. */
    public boolean multitask() {
      return parts.size() > 1;
    }

    /** The loss weights normalised to sum 1, part order. */
    public List<Float> normalisedWeights() {
      double sum = parts.stream().mapToDouble(Part::weight).sum();
      return parts.stream().map(p -> (float) (parts.size() == 1 ? 1 : p.weight() / sum)).toList();
    }

    /** The loss the model is trained on. */
    Loss trainingLoss() {
      return multitask() ? new MultitaskLoss(parts.stream().map(Part::loss).toList(), normalisedWeights())
          : parts.get(0).loss();
    }

    /** The key of a task's metric in the epoch records: plain for one task, {@code <task>/<metric>} for several. */
    public String key(Part part, String metric) {
      return multitask() ? part.task() + "/" + metric : metric;
    }
  }

  /** Runs on the initialised block before the first epoch of a fresh training (e.g. load pretrained weights). */
  @FunctionalInterface
  public interface Hook {
    void apply(Block block, NDManager manager) throws IOException;
  }

  /**
   * What a training produced.
   *
   * @param bestParams the parameters of the best epoch (or the last when nothing was monitored)
   * @param history all epochs
   * @param bestEpoch the best epoch
   * @param bestValue its monitored value
   * @param monitor the monitored quantity
   * @param seconds wall time of this invocation
   * @param resumedAt the epoch the training resumed at, or -1 for a fresh start
   */
  public record Result(byte[] bestParams, List<EpochRecord> history, int bestEpoch, double bestValue, String monitor,
      double seconds, int resumedAt) {}

  /**
   * A kill point for tests, not a setting: {@code -Dmml.test.halt_after_epoch=N} ends the JVM the
   * way SIGKILL does (no shutdown hooks, nothing flushed) right after epoch N's listeners ran, so a
   * kill-and-continue test stops at an exact place instead of after a guessed sleep.
   */
  private static final Integer HALT_AFTER_EPOCH = Integer.getInteger("mml.test.halt_after_epoch");

  private FoldTrainer() {}

  /**
   * Trains (or resumes) the job and returns the best parameters. The loop runs the training steps
   * and the validation; everything else is a {@link TrainingListener}: learning-rate schedule,
   * progress bar, best model, early stopping, checkpoints and the epoch log line, in that order.
   */
  public static Result train(Job job) throws IOException {
    Config cfg = job.config();
    TrainerOptions opts = TrainerOptions.from(cfg);
    String monitor = opts.monitor();
    boolean higherIsBetter = higherIsBetter(monitor, job);
    double baseLr = OptimizerOptions.from(cfg).lr();
    LrSchedule schedule = LrSchedule.fromConfig(cfg, baseLr, opts.maxEpochs());
    Files.createDirectories(job.checkpointDir());
    long t0 = System.nanoTime();
    Device device = TrainingDevice.choose(opts.device()).device();
    NativeAllocator.tune();

    Engine engine = Engine.getEngine(SpecToDjl.ENGINE);
    engine.setRandomSeed((int) job.seed());
    try (Model model = Model.newInstance(job.name().replaceAll("\\W", "_"), device, SpecToDjl.ENGINE);
        NDManager manager = NDManager.newBaseManager(device, SpecToDjl.ENGINE)) {
      Block block = SpecToDjl.build(job.spec());
      model.setBlock(block);
      StatefulOptimizer optimizer = optimizer(cfg, (float) baseLr);
      Loss trainingLoss = job.trainingLoss();
      DefaultTrainingConfig tc = new DefaultTrainingConfig(trainingLoss)
          .optOptimizer(optimizer)
          .optDevices(new Device[] {device});
      // Parameters are initialised and loaded (checkpoint or pretrained weights) BEFORE the trainer
      // exists: Trainer.initialize binds the parameter arrays to its parameter store, and arrays
      // loaded after that would be replaced behind the optimizer's back.
      NDManager params = model.getNDManager();
      block.initialize(params, ai.djl.ndarray.types.DataType.FLOAT32,
          SpecToDjl.batchShape(job.spec().inputShape(), 1));
      TrainingLoop loop = new TrainingLoop(job, opts, block, optimizer, manager, baseLr);
      var saved = TrainState.load(job.checkpointDir());
      if (saved.isPresent()) {
        loadParams(block, params, CheckpointListener.paramsFile(job.checkpointDir(), saved.get()));
      } else if (job.beforeTraining() != null) {
        job.beforeTraining().apply(block, params);
      }
      try (Trainer trainer = model.newTrainer(tc)) {
        trainer.initialize(SpecToDjl.batchShape(job.spec().inputShape(), 1));
        int resumedAt = -1;
        if (CheckpointListener.restore(job.checkpointDir(), saved, loop, params).isPresent()) {
          resumedAt = loop.epoch();
          LOG.info("{}: resuming from the checkpoint at epoch {} (batch {} of that epoch done, {} epochs finished)",
              job.name(), loop.epoch() + 1, loop.batch(), loop.history().size());
        }
        List<TrainingListener> listeners = List.of(
            new LrScheduleListener(schedule, baseLr),
            new ProgressListener(),
            new BestModelListener(monitor, higherIsBetter, opts.minDelta()),
            new EarlyStoppingListener(opts.earlyStoppingPatience(), monitor),
            new CheckpointListener(job.checkpointDir(), opts.checkpointMinutes()),
            new EpochLogListener());
        int workers = dataWorkers(device, opts.numThreads(), Runtime.getRuntime().availableProcessors());
        for (Part p : job.parts()) {
          p.train().limitWorkers(workers);
          if (p.val() != null) {
            p.val().limitWorkers(workers);
          }
        }
        while (loop.epoch() < opts.maxEpochs() && !loop.stopping()) {
          int epoch = loop.epoch();
          // The engine's random stream (dropout) restarts per epoch from (seed, epoch): a training
          // resumed at an epoch boundary draws what the uninterrupted one drew.
          engine.setRandomSeed((int) Seeds.of(job.seed(), epoch));
          long e0 = System.nanoTime();
          loop.beginEpoch(batchesPerEpoch(job, manager, epoch));
          for (TrainingListener l : listeners) {
            l.onEpochBegin(loop);
          }
          int index = 0;
          for (Step b : steps(job, manager, epoch)) {
            try (b) {
              if (loop.skipDone(index++)) {
                continue; // trained before the interruption
              }
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray l = b.loss(trainer, trainingLoss);
                gc.backward(l);
                loop.addLoss(l.stopGradient());
              }
              trainer.step();
              for (TrainingListener x : listeners) {
                x.onBatchEnd(loop);
              }
            }
          }
          double trainLoss = loop.meanTrainLoss();
          Validation val = validate(block, manager, job);
          EpochRecord rec = new EpochRecord(epoch, loop.lr(), trainLoss, val.loss(), val.metrics(),
              (System.nanoTime() - e0) / 1e9);
          loop.endEpoch(rec);
          for (TrainingListener l : listeners) {
            l.onEpochEnd(loop, rec);
          }
          if (HALT_AFTER_EPOCH != null && HALT_AFTER_EPOCH == epoch + 1) {
            Runtime.getRuntime().halt(137); // fault injection for kill tests: as abrupt as SIGKILL
          }
        }
        for (TrainingListener l : listeners) {
          l.onTrainingEnd(loop);
        }
        byte[] bestParams = loop.bestParams() != null ? loop.bestParams() : params(block);
        return new Result(bestParams, loop.history(), loop.bestEpoch(), loop.bestValue(), monitor,
            (System.nanoTime() - t0) / 1e9, resumedAt);
      }
    }
  }

  /**
   * How many threads may load data beside a training: on the CPU, the cores the engine's threads
   * leave free (training on all cores loads in-line, which measured ~15% faster per epoch on 2 cores
   * than 2 loading threads preempting the engine; bench/train-vs-pytorch.sh); on a GPU, any.
   */
  static int dataWorkers(Device device, int engineThreads, int cores) {
    return device.isGpu() ? Integer.MAX_VALUE : Math.max(0, cores - engineThreads);
  }

  /** The block's parameters as bytes (DJL's format). */
  public static byte[] params(Block block) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    }
    return bytes.toByteArray();
  }

  /** Loads parameters saved by {@link #params} into an initialised block. */
  public static void loadParams(Block block, NDManager manager, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file); DataInputStream din = new DataInputStream(in)) {
      block.loadParameters(manager, din);
    } catch (ai.djl.MalformedModelException e) {
      throw new DataFileException(file, "The checkpoint " + file + " does not fit this model (" + e.getMessage() + "). Delete "
          + file.getParent() + " to train from scratch.", e);
    }
  }

  /**
   * Validation loss and predictions.
   *
   * @param loss mean loss (NaN without data)
   * @param predictions rows for the metrics
   */
  record Evaluated(double loss, Predictions predictions) {}

  /** Runs a split through the block in inference mode (BatchNorm uses its running statistics). */
  static Evaluated evaluate(Block block, NDManager manager, Loss loss, TaskDataset data, TaskKind kind)
      throws IOException {
    return evaluate(block, manager, loss, data, kind, 0);
  }

  /**
   * As {@link #evaluate(Block, NDManager, Loss, TaskDataset, TaskKind)} on model output
   * {@code output}. The losses and logits of the batches stay on the device and are read once at
   * the end (one host synchronisation per split, not per batch).
   */
  static Evaluated evaluate(Block block, NDManager manager, Loss loss, TaskDataset data, TaskKind kind, int output)
      throws IOException {
    Outputs outputs = new Outputs(kind);
    if (data == null || data.size() == 0) {
      return new Evaluated(Double.NaN, outputs.predictions());
    }
    ParameterStore ps = new ParameterStore(manager, false);
    List<Object> targets = new ArrayList<>(Math.toIntExact(data.size()));
    try (NDManager split = manager.newSubManager()) {
      NDArray lossSum = split.zeros(new ai.djl.ndarray.types.Shape());
      int n = 0;
      NDList logits = new NDList();
      try (SampleBatches it = data.sampleBatches(0, data.sampling().batchSize())) {
        while (it.hasNext()) {
          List<Sample> samples = it.next();
          try (NDManager sub = split.newSubManager();
              TaskBatch tb = TaskBatch.of(sub, data.task().name(), samples)) {
            NDList out = new NDList(block.forward(ps, tb.data(), false).get(output));
            if (!tb.labels().isEmpty()) {
              lossSum.addi(loss.evaluate(tb.labels(), out).mul(samples.size()));
              n += samples.size();
            }
            NDArray x = out.get(0);
            x.attach(split);
            logits.add(x);
            for (Sample s : samples) {
              targets.add(s.target());
            }
          }
        }
      }
      float[] all = (logits.size() == 1 ? logits.get(0) : NDArrays.concat(logits)).toFloatArray();
      int per = all.length / targets.size();
      for (int i = 0; i < targets.size(); i++) {
        if (targets.get(i) != null) {
          float[] one = new float[per];
          System.arraycopy(all, i * per, one, 0, per);
          outputs.add(one, targets.get(i));
        }
      }
      return new Evaluated(n == 0 ? Double.NaN : lossSum.getFloat() / n, outputs.predictions());
    }
  }

  /** The optimizer of the {@code optimizer} group, with state that checkpoints can save. */
  static StatefulOptimizer optimizer(Config cfg, float lr) {
    return OptimizerOptions.from(cfg).build(lr);
  }

  /** The quantities a job can monitor, and whether higher is better for each. */
  static Map<String, Boolean> monitorable(Job job) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    out.put("val_loss", false);
    out.put("train_loss", false);
    for (Part p : job.parts()) {
      if (job.multitask()) {
        out.put(job.key(p, "val_loss"), false);
      }
      for (TaskMetric m : p.metrics()) {
        out.put(job.key(p, m.name()), m.higherIsBetter());
      }
    }
    return out;
  }

  static boolean higherIsBetter(String monitor, Job job) {
    Map<String, Boolean> known = monitorable(job);
    Boolean higher = known.get(monitor);
    if (higher != null) {
      return higher;
    }
    List<String> names = new ArrayList<>(known.keySet());
    throw new ConfigException("trainer.monitor", "Config key 'trainer.monitor' is '" + monitor + "', which "
        + (job.multitask() ? "this multitask training does not measure (task metrics are <task>/<metric>)"
            : "this task type does not measure") + ". Choose one of " + names + "."
        + ConfigException.didYouMean(io.mml.runtime.config.Names.closest(monitor, names)));
  }

  /**
   * One epoch's validation.
   *
   * @param loss {@code val_loss}: the task's, or the weighted mean of the tasks' (NaN without data)
   * @param metrics metrics by key ({@link Job#key}), with {@code <task>/val_loss} when multitask
   */
  record Validation(double loss, Map<String, Double> metrics) {}

  /** Validates every part of a job. */
  static Validation validate(Block block, NDManager manager, Job job) throws IOException {
    Map<String, Double> metrics = new LinkedHashMap<>();
    List<Float> weights = job.normalisedWeights();
    double weighted = 0;
    double weightSum = 0;
    for (int i = 0; i < job.parts().size(); i++) {
      Part p = job.parts().get(i);
      Evaluated val = evaluate(block, manager, p.loss(), p.val(), p.kind(), p.output());
      if (job.multitask()) {
        metrics.put(job.key(p, "val_loss"), val.loss());
      }
      if (!Double.isNaN(val.loss())) {
        weighted += weights.get(i) * val.loss();
        weightSum += weights.get(i);
      }
      if (val.predictions().size() > 0) {
        for (TaskMetric m : p.metrics()) {
          metrics.put(job.key(p, m.name()), m.compute(val.predictions()));
        }
      }
    }
    return new Validation(weightSum > 0 ? weighted / weightSum : Double.NaN, metrics);
  }

  /** One training step's data; closing it frees its arrays. */
  interface Step extends AutoCloseable {
    /** The step's loss (forward passes through the trainer, inside the caller's gradient collector). */
    NDArray loss(Trainer trainer, Loss loss);

    @Override
    void close();
  }

  /** Training steps per epoch. */
  static int batchesPerEpoch(Job job, NDManager manager, int epoch) {
    if (!job.multitask()) {
      TaskDataset train = job.parts().get(0).train();
      return train.batchesPerEpoch(train.sampling().batchSize());
    }
    return multiTaskBatches(job, manager, epoch).steps();
  }

  private static MultiTaskBatches multiTaskBatches(Job job, NDManager manager, int epoch) {
    List<TaskDataset> trains = job.parts().stream().map(Part::train).toList();
    return new MultiTaskBatches(manager, trains, trains.get(0).sampling().batchSize(), epoch);
  }

  /**
   * The steps of an epoch. One task: its batches. Several: one sub-batch per task per step, each run
   * through the model on its own; the loss combines each task's head output on its own sub-batch.
   */
  static Iterable<Step> steps(Job job, NDManager manager, int epoch) {
    if (!job.multitask()) {
      Iterable<Batch> batches = job.parts().get(0).train().epochBatches(manager, epoch);
      return () -> map(batches.iterator(), b -> new Step() {
        @Override
        public NDArray loss(Trainer trainer, Loss loss) {
          return loss.evaluate(b.getLabels(), trainer.forward(b.getData(), b.getLabels()));
        }

        @Override
        public void close() {
          b.close();
        }
      });
    }
    MultiTaskBatches batches = multiTaskBatches(job, manager, epoch);
    return () -> map(batches.iterator(), mb -> new Step() {
      @Override
      public NDArray loss(Trainer trainer, Loss loss) {
        NDList labels = new NDList();
        NDList predictions = new NDList();
        for (Part p : job.parts()) {
          TaskBatch tb = mb.part(p.task()).orElseThrow();
          predictions.add(trainer.forward(tb.data(), tb.labels()).get(p.output()));
          labels.add(tb.labels().singletonOrThrow());
        }
        return loss.evaluate(labels, predictions);
      }

      @Override
      public void close() {
        mb.close();
      }
    });
  }

  private static <A, B> Iterator<B> map(Iterator<A> it, java.util.function.Function<A, B> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public B next() {
        return f.apply(it.next());
      }
    };
  }

  /** Deletes a checkpoint folder after its training was stored. */
  static void deleteCheckpoints(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
