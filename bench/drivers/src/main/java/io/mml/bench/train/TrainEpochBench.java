package io.mml.bench.train;

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
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.mml.runtime.config.Config;
import io.mml.runtime.data.DataSplit;
import io.mml.runtime.data.DecodedCache;
import io.mml.runtime.data.Sample;
import io.mml.runtime.data.SampleBatches;
import io.mml.runtime.data.SamplingOptions;
import io.mml.runtime.data.TaskBatch;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.FileTrees;
import io.mml.runtime.models.SpecToDjl;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.tasktype.TaskMetric;
import io.mml.runtime.train.FoldTrainer;
import io.mml.runtime.train.Outputs;
import io.mml.runtime.train.TrainingSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Driver of bench/train-epoch.sh (issue 4 a): epochs of {@link FoldTrainer#train} (the train mode's
 * loop: training pass, validation pass with metrics, best/last checkpoints) versus a hand-written DJL
 * loop (forward, loss, backward, step) on the same model spec, loss, optimizer, seed and the same
 * {@link TaskDataset#epochBatches} (same augmentation, same shuffle, same num_workers, the same
 * decoded-image cache, filled before any timing). The hand loop also times, separately, a validation
 * pass equal to the framework's and a checkpoint-equivalent (parameters serialised and written
 * atomically twice), so the framework's epoch can be attributed. Thread count: the JVM's
 * {@code ai.djl.pytorch.num_threads}.
 */
public final class TrainEpochBench {
  /** Records when FoldTrainer logs "epoch k/E" (after the checkpoint of epoch k). */
  private static final class EpochClock extends AppenderBase<ILoggingEvent> {
    final List<Long> stamps = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent e) {
      if (e.getFormattedMessage().contains(": epoch ")) {
        stamps.add(System.nanoTime());
      }
    }
  }

  private record Hand(double train, double val, double ckpt) {}

  private TrainEpochBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = BenchSupport.args(args);
    Path work = Path.of(a.get("work"));
    Path report = Path.of(a.get("report"));
    int reps = Integer.parseInt(a.getOrDefault("reps", "5"));
    int epochs = Integer.parseInt(a.getOrDefault("epochs", "6"));
    String threads = System.getProperty("ai.djl.pytorch.num_threads", "?");
    List<String> extra = new ArrayList<>(List.of("trainer.max_epochs=" + epochs, "trainer.checkpoint_minutes=0"));
    if (a.containsKey("overrides")) {
      extra.addAll(List.of(a.get("overrides").split(" ")));
    }
    Config cfg = BenchSupport.trainConfig(work.resolve("data"), work.resolve("results"), extra);
    TaskStruct task = BenchSupport.demoShapes(work.resolve("data"));
    DecodedCache cache = SamplingOptions.fromConfig(cfg).newCache();
    TrainingSetup setup = TrainingSetup.of(task, cfg, cache);
    TaskDataset train = TrainingSetup.dataset(task, DataSplit.TRAIN, 0, cfg, cache, true);
    TaskDataset val = TrainingSetup.dataset(task, DataSplit.VAL, 0, cfg, cache, false);
    boolean cached = cfg.has("sampling.enable_caching") && cfg.getBoolean("sampling.enable_caching");
    if (cached) {
      BenchSupport.warm(task, cfg, cache, DataSplit.TRAIN, DataSplit.VAL);
    }

    ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(FoldTrainer.class);
    log.setLevel(Level.INFO);
    log.setAdditive(false);
    EpochClock clock = new EpochClock();
    clock.setContext(log.getLoggerContext());
    clock.start();
    log.addAppender(clock);

    StringBuilder head = new StringBuilder();
    head.append(String.format(Locale.ROOT, "threads=%s (ai.djl.pytorch.num_threads), num_workers=%d, batch=%d,"
            + " arch=%s, augmentations=%s, train %d / val %d samples (%d batches), decoded cache %s%s, %d epochs per"
            + " run (first excluded), %d reps, alternating%n",
        threads, train.sampling().numWorkers(), train.sampling().batchSize(), cfg.getString("arch.id"),
        cfg.tree().path("augmentations").path("pipeline").toString(), train.size(), val.size(),
        train.batchesPerEpoch(train.sampling().batchSize()), cached ? "on" : "off",
        cached ? " (filled before timing)" : "", epochs, reps));
    System.out.print(head);

    List<Double> fw = new ArrayList<>();
    List<Double> fwRecord = new ArrayList<>();
    List<Double> hTrain = new ArrayList<>();
    List<Double> hVal = new ArrayList<>();
    List<Double> hCkpt = new ArrayList<>();
    long seed = 1234;
    for (int r = 0; r < reps; r++) {
      boolean fwFirst = r % 2 == 0;
      for (int k = 0; k < 2; k++) {
        if ((k == 0) == fwFirst) {
          Path ckpt = Files.createTempDirectory(work, "ckpt.");
          clock.stamps.clear();
          FoldTrainer.Job job = new FoldTrainer.Job("bench fold 0", setup.spec(), setup.kind(), setup.loss(),
              setup.metrics(), train, val, cfg, ckpt, seed, null);
          FoldTrainer.Result res = FoldTrainer.train(job);
          if (clock.stamps.size() != epochs || res.history().size() != epochs) {
            throw new IllegalStateException("expected " + epochs + " epochs, saw " + clock.stamps.size());
          }
          double sum = 0;
          double rec = 0;
          for (int e = 1; e < epochs; e++) {
            sum += (clock.stamps.get(e) - clock.stamps.get(e - 1)) / 1e9;
            rec += res.history().get(e).seconds();
          }
          fw.add(sum / (epochs - 1));
          fwRecord.add(rec / (epochs - 1));
          FileTrees.deleteTree(ckpt);
        } else {
          Hand h = hand(setup, train, val, epochs, seed, work);
          hTrain.add(h.train());
          hVal.add(h.val());
          hCkpt.add(h.ckpt());
        }
      }
      System.out.printf(Locale.ROOT, "rep %d (%s first): framework epoch %.3f s (record %.3f); hand train %.3f s,"
              + " +val %.3f s, +ckpt %.3f s%n", r + 1, fwFirst ? "framework" : "hand", fw.get(r), fwRecord.get(r),
          hTrain.get(r), hVal.get(r), hCkpt.get(r));
    }
    List<Double> hAll = new ArrayList<>();
    List<Double> hTv = new ArrayList<>();
    List<Double> rTrain = new ArrayList<>();
    List<Double> rAll = new ArrayList<>();
    for (int r = 0; r < reps; r++) {
      hTv.add(hTrain.get(r) + hVal.get(r));
      hAll.add(hTrain.get(r) + hVal.get(r) + hCkpt.get(r));
      rTrain.add(fw.get(r) / hTrain.get(r));
      rAll.add(fw.get(r) / hAll.get(r));
    }
    StringBuilder out = new StringBuilder(head);
    String f = "%.3f";
    out.append(String.format(Locale.ROOT, "  framework epoch (FoldTrainer, log stamp to log stamp)  %s s%n",
        BenchSupport.stats(fw, f)));
    out.append(String.format(Locale.ROOT, "    of which train+val+metrics (EpochRecord.seconds)   %s s%n",
        BenchSupport.stats(fwRecord, f)));
    out.append(String.format(Locale.ROOT, "  hand loop: training pass                              %s s%n",
        BenchSupport.stats(hTrain, f)));
    out.append(String.format(Locale.ROOT, "  hand: validation pass (same as FoldTrainer.evaluate)  %s s%n",
        BenchSupport.stats(hVal, f)));
    out.append(String.format(Locale.ROOT, "  hand: checkpoint-equivalent (2 atomic params writes)  %s s%n",
        BenchSupport.stats(hCkpt, f)));
    out.append(String.format(Locale.ROOT, "  hand: train + val + ckpt                              %s s%n",
        BenchSupport.stats(hAll, f)));
    out.append(String.format(Locale.ROOT, "  RATIO framework epoch / hand training pass            %.3f (per-rep ratios %s)%n",
        BenchSupport.median(fw) / BenchSupport.median(hTrain), BenchSupport.stats(rTrain, f)));
    out.append(String.format(Locale.ROOT, "  RATIO framework epoch / hand train+val               %.3f%n",
        BenchSupport.median(fw) / BenchSupport.median(hTv)));
    out.append(String.format(Locale.ROOT, "  RATIO framework epoch / hand train+val+ckpt           %.3f (per-rep ratios %s)%n",
        BenchSupport.median(fw) / BenchSupport.median(hAll), BenchSupport.stats(rAll, f)));
    System.out.print(out.substring(head.length()));
    Files.writeString(report, out.toString(), StandardCharsets.UTF_8);
  }

  /** The hand-written loop: per epoch the training pass, then (timed apart) a validation pass and a checkpoint. */
  private static Hand hand(TrainingSetup setup, TaskDataset train, TaskDataset val, int epochs, long seed, Path work)
      throws IOException {
    double tSum = 0;
    double vSum = 0;
    double cSum = 0;
    Path ckpt = Files.createTempDirectory(work, "hand.");
    Engine.getEngine(SpecToDjl.ENGINE).setRandomSeed((int) seed);
    try (Model model = Model.newInstance("hand", Device.cpu(), SpecToDjl.ENGINE);
        NDManager manager = NDManager.newBaseManager(Device.cpu(), SpecToDjl.ENGINE)) {
      Block block = SpecToDjl.build(setup.spec());
      model.setBlock(block);
      DefaultTrainingConfig tc = new DefaultTrainingConfig(setup.loss())
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
          .optDevices(new Device[] {Device.cpu()});
      try (Trainer trainer = model.newTrainer(tc)) {
        trainer.initialize(SpecToDjl.batchShape(setup.spec().inputShape(), 1));
        for (int e = 0; e < epochs; e++) {
          long t0 = System.nanoTime();
          double lossSum = 0;
          for (Batch b : train.epochBatches(manager, e)) {
            try (b; GradientCollector gc = trainer.newGradientCollector()) {
              NDList preds = trainer.forward(b.getData(), b.getLabels());
              NDArray l = setup.loss().evaluate(b.getLabels(), preds);
              gc.backward(l);
              lossSum += l.getFloat();
            }
            trainer.step();
          }
          long t1 = System.nanoTime();
          double metricSum = validate(setup, block, manager, val);
          long t2 = System.nanoTime();
          byte[] p = FoldTrainer.params(block);
          AtomicFiles.write(ckpt.resolve("best.params"), p);
          AtomicFiles.write(ckpt.resolve("last.params"), FoldTrainer.params(block));
          long t3 = System.nanoTime();
          if (Double.isNaN(lossSum + metricSum)) {
            System.err.println("hand loop: NaN loss");
          }
          if (e > 0) {
            tSum += (t1 - t0) / 1e9;
            vSum += (t2 - t1) / 1e9;
            cSum += (t3 - t2) / 1e9;
          }
        }
      }
    }
    FileTrees.deleteTree(ckpt);
    int n = epochs - 1;
    return new Hand(tSum / n, vSum / n, cSum / n);
  }

  /** The work of FoldTrainer.evaluate plus the metrics: inference-mode forward, loss, logits to Java, metrics. */
  private static double validate(TrainingSetup setup, Block block, NDManager manager, TaskDataset val)
      throws IOException {
    Outputs outputs = new Outputs(setup.kind());
    ParameterStore ps = new ParameterStore(manager, false);
    double lossSum = 0;
    try (SampleBatches it = val.sampleBatches(0, val.sampling().batchSize())) {
      while (it.hasNext()) {
        List<Sample> samples = it.next();
        try (NDManager sub = manager.newSubManager(); TaskBatch tb = TaskBatch.of(sub, val.task().name(), samples)) {
          NDList out = block.forward(ps, tb.data(), false);
          lossSum += setup.loss().evaluate(tb.labels(), out).getFloat() * samples.size();
          float[] all = out.get(0).toFloatArray();
          int per = all.length / samples.size();
          for (int i = 0; i < samples.size(); i++) {
            float[] one = new float[per];
            System.arraycopy(all, i * per, one, 0, per);
            outputs.add(one, samples.get(i).target());
          }
        }
      }
    }
    double m = 0;
    for (TaskMetric metric : setup.metrics()) {
      m += metric.compute(outputs.predictions());
    }
    return lossSum + m;
  }
}
