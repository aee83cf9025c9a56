package io.mml.runtime.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.data.MultiTaskBatches;
import io.mml.runtime.data.Sample;
import io.mml.runtime.data.SampleBatches;
import io.mml.runtime.data.TaskBatch;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.files.AtomicFiles;
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
 * learning-rate schedule, and checkpoints (each epoch and on a time interval) from which an
 * interrupted training resumes at the batch it reached.
 *
 * <p>The model trains on one task or, multitask, on several at once: one {@link Part} per task, each
 * with its head (an output of the model), loss, metrics, data and loss weight. Multitask steps take
 * one sub-batch per task ({@link MultiTaskBatches}) and minimise the {@link MultitaskLoss} (weights
 * normalised to sum 1, so the loss is the weighted mean of the tasks' losses). Validation runs per
 * task; metrics are recorded as {@code <task>/<metric>} and {@code <task>/val_loss}, and
 * {@code val_loss} is the weighted mean of the tasks' validation losses. Everything else
 * (monitor, early stopping, schedules, checkpoints, resume) is the same for one task and several.
 *
 * <p>Checkpoints hold the parameters and the loop's state; the optimizer's moment estimates are
 * not saved by DJL, so a resumed Adam starts its moments afresh (documented limitation).
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

  private FoldTrainer() {}

  /** Trains (or resumes) the job and returns the best parameters. */
  public static Result train(Job job) throws IOException {
    Config cfg = job.config();
    int maxEpochs = cfg.has("trainer.max_epochs") ? cfg.getInt("trainer.max_epochs") : 10;
    String monitor = cfg.has("trainer.monitor") ? cfg.getString("trainer.monitor") : "val_loss";
    int patience = cfg.has("trainer.early_stopping_patience") ? cfg.getInt("trainer.early_stopping_patience") : 0;
    double minDelta = cfg.has("trainer.min_delta") ? cfg.getDouble("trainer.min_delta") : 0;
    double checkpointMinutes = cfg.has("trainer.checkpoint_minutes") ? cfg.getDouble("trainer.checkpoint_minutes") : 0;
    boolean higherIsBetter = higherIsBetter(monitor, job);
    double baseLr = cfg.has("optimizer.lr") ? cfg.getDouble("optimizer.lr") : 1e-3;
    LrSchedule schedule = LrSchedule.fromConfig(cfg, baseLr, maxEpochs);
    Files.createDirectories(job.checkpointDir());
    long t0 = System.nanoTime();

    Engine.getEngine(SpecToDjl.ENGINE).setRandomSeed((int) job.seed());
    try (Model model = Model.newInstance(job.name().replaceAll("\\W", "_"), Device.cpu(), SpecToDjl.ENGINE);
        NDManager manager = NDManager.newBaseManager(Device.cpu(), SpecToDjl.ENGINE)) {
      Block block = SpecToDjl.build(job.spec());
      model.setBlock(block);
      float[] lr = {(float) baseLr};
      Tracker tracker = numUpdate -> lr[0];
      Loss trainingLoss = job.trainingLoss();
      DefaultTrainingConfig tc = new DefaultTrainingConfig(trainingLoss)
          .optOptimizer(optimizer(cfg, tracker))
          .optDevices(new Device[] {Device.cpu()});
      // Parameters are initialised and loaded (checkpoint or pretrained weights) BEFORE the trainer
      // exists: Trainer.initialize binds the parameter arrays to its parameter store, and arrays
      // loaded after that would be replaced behind the optimizer's back.
      NDManager params = model.getNDManager();
      block.initialize(params, ai.djl.ndarray.types.DataType.FLOAT32,
          SpecToDjl.batchShape(job.spec().inputShape(), 1));
      TrainState state = TrainState.start(baseLr);
      int resumedAt = -1;
      var saved = TrainState.load(job.checkpointDir());
      if (saved.isPresent()) {
        state = saved.get();
        loadParams(block, params, job.checkpointDir().resolve(paramsName(state)));
        resumedAt = state.epoch();
        LOG.info("{}: resuming from the checkpoint at epoch {} (batch {} of that epoch done, {} epochs finished)",
            job.name(), state.epoch() + 1, state.batchesDone(), state.history().size());
      } else if (job.beforeTraining() != null) {
        job.beforeTraining().apply(block, params);
      }
      try (Trainer trainer = model.newTrainer(tc)) {
        trainer.initialize(SpecToDjl.batchShape(job.spec().inputShape(), 1));
        long lastCheckpoint = System.nanoTime();
        while (state.epoch() < maxEpochs) {
          int epoch = state.epoch();
          double rate = state.batchesDone() > 0 ? state.lr()
              : schedule.rate(epoch, epoch == 0 ? baseLr : state.lr(), state.badEpochs());
          lr[0] = (float) rate;
          long e0 = System.nanoTime();
          double lossSum = state.trainLossSum();
          int batch = 0;
          int batches = batchesPerEpoch(job, manager, epoch);
          ProgressBar bar = ProgressBar.forEpoch(job.name(), epoch + 1, maxEpochs, batches, cfg);
          for (Step b : steps(job, manager, epoch)) {
            try (b) {
              if (batch < state.batchesDone()) {
                batch++;
                continue; // trained before the interruption
              }
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray l = b.loss(trainer, trainingLoss);
                gc.backward(l);
                lossSum += l.getFloat();
              }
              trainer.step();
              batch++;
              bar.step(batch, lossSum / batch);
              if (checkpointMinutes > 0 && (System.nanoTime() - lastCheckpoint) / 6e10 >= checkpointMinutes) {
                state = new TrainState(epoch, batch, rate, state.bestValue(), state.bestEpoch(), state.badEpochs(),
                    lossSum, state.history());
                checkpoint(block, state, job.checkpointDir());
                lastCheckpoint = System.nanoTime();
              }
            }
          }
          bar.done();
          double trainLoss = lossSum / Math.max(1, batch);
          Validation val = validate(block, manager, job);
          Map<String, Double> metrics = val.metrics();
          EpochRecord rec = new EpochRecord(epoch, rate, trainLoss, val.loss(), metrics, (System.nanoTime() - e0) / 1e9);
          List<EpochRecord> history = new ArrayList<>(state.history());
          history.add(rec);
          double value = rec.value(monitor);
          boolean improved = !Double.isNaN(value) && (Double.isNaN(state.bestValue())
              || (higherIsBetter ? value > state.bestValue() + minDelta : value < state.bestValue() - minDelta));
          double best = improved ? value : state.bestValue();
          int bestEpoch = improved ? epoch : state.bestEpoch();
          int bad = improved ? 0 : state.badEpochs() + 1;
          if (improved || Double.isNaN(value)) {
            AtomicFiles.write(job.checkpointDir().resolve(CKPT_BEST), params(block));
          }
          state = new TrainState(epoch + 1, 0, rate, best, bestEpoch, bad, 0, history);
          checkpoint(block, state, job.checkpointDir());
          lastCheckpoint = System.nanoTime();
          LOG.info("{}: epoch {}/{} lr {} train loss {} val loss {}{}{}", job.name(), epoch + 1, maxEpochs,
              String.format(Locale.ROOT, "%.2g", rate), f(trainLoss), f(val.loss()), describe(metrics),
              improved ? " (best so far)" : "");
          if (patience > 0 && bad >= patience) {
            LOG.info("{}: early stopping after epoch {}: {} did not improve for {} epochs (best {} at epoch {})",
                job.name(), epoch + 1, monitor, bad, f(best), bestEpoch + 1);
            break;
          }
        }
        Path best = job.checkpointDir().resolve(CKPT_BEST);
        byte[] bestParams = Files.exists(best) ? Files.readAllBytes(best) : params(block);
        return new Result(bestParams, state.history(), state.bestEpoch(), state.bestValue(), monitor,
            (System.nanoTime() - t0) / 1e9, resumedAt);
      }
    }
  }

  static final String CKPT_BEST = "best.params";

  /**
   * Saves parameters under a name derived from the state, then the state (the commit point), then
   * removes older parameter files: a kill at any moment leaves a state whose parameters exist.
   */
  private static void checkpoint(Block block, TrainState state, Path dir) throws IOException {
    Path file = dir.resolve(paramsName(state));
    AtomicFiles.write(file, params(block));
    state.save(dir);
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith("last-") && n.endsWith(".params") && !p.equals(file)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  static String paramsName(TrainState state) {
    return String.format(Locale.ROOT, "last-e%04d-b%06d.params", state.epoch(), state.batchesDone());
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
      throw new IOException("The checkpoint " + file + " does not fit this model (" + e.getMessage() + "). Delete "
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

  /** As {@link #evaluate(Block, NDManager, Loss, TaskDataset, TaskKind)} on model output {@code output}. */
  static Evaluated evaluate(Block block, NDManager manager, Loss loss, TaskDataset data, TaskKind kind, int output)
      throws IOException {
    Outputs outputs = new Outputs(kind);
    if (data == null || data.size() == 0) {
      return new Evaluated(Double.NaN, outputs.predictions());
    }
    ParameterStore ps = new ParameterStore(manager, false);
    double lossSum = 0;
    int n = 0;
    try (SampleBatches it = data.sampleBatches(0, data.sampling().batchSize())) {
      while (it.hasNext()) {
        List<Sample> samples = it.next();
        try (NDManager sub = manager.newSubManager(); TaskBatch tb = TaskBatch.of(sub, data.task().name(), samples)) {
          NDList out = new NDList(block.forward(ps, tb.data(), false).get(output));
          if (!tb.labels().isEmpty()) {
            lossSum += loss.evaluate(tb.labels(), out).getFloat() * samples.size();
            n += samples.size();
          }
          NDArray logits = out.get(0);
          long per = logits.size() / samples.size();
          float[] all = logits.toFloatArray();
          for (int i = 0; i < samples.size(); i++) {
            float[] one = new float[(int) per];
            System.arraycopy(all, (int) (i * per), one, 0, (int) per);
            if (samples.get(i).target() != null) {
              outputs.add(one, samples.get(i).target());
            }
          }
        }
      }
    }
    return new Evaluated(n == 0 ? Double.NaN : lossSum / n, outputs.predictions());
  }

  static Optimizer optimizer(Config cfg, Tracker lr) {
    String name = cfg.has("optimizer.name") ? cfg.getString("optimizer.name") : "adam";
    float wd = cfg.has("optimizer.weight_decay") ? (float) cfg.getDouble("optimizer.weight_decay") : 0f;
    return switch (name) {
      case "adam" -> Optimizer.adam().optLearningRateTracker(lr)
          .optBeta1(cfg.has("optimizer.beta1") ? (float) cfg.getDouble("optimizer.beta1") : 0.9f)
          .optBeta2(cfg.has("optimizer.beta2") ? (float) cfg.getDouble("optimizer.beta2") : 0.999f)
          .optWeightDecays(wd).build();
      case "sgd" -> Optimizer.sgd().setLearningRateTracker(lr)
          .optMomentum(cfg.has("optimizer.momentum") ? (float) cfg.getDouble("optimizer.momentum") : 0f)
          .optWeightDecays(wd).build();
      default -> throw new ConfigException("optimizer.name", "Unknown optimizer '" + name
          + "'. Known: adam, sgd (choose with optimizer=adam|sgd).");
    };
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

  private static String f(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String describe(Map<String, Double> metrics) {
    StringBuilder sb = new StringBuilder();
    metrics.forEach((k, v) -> sb.append(' ').append(k).append(' ').append(f(v)));
    return sb.toString();
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
