package io.mml.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one running training that {@link TrainingListener}s read and change: where the loop
 * is (epoch, batch), the learning rate, the best monitored value and its parameters, the history,
 * the running training loss (kept on the device: read only when someone asks, so a batch costs no
 * host synchronisation) and whether to stop. {@link #snapshot()} is its resumable form.
 */
public final class TrainingLoop {
  private final FoldTrainer.Job job;
  private final TrainerOptions options;
  private final Block block;
  private final StatefulOptimizer optimizer;
  private final NDManager manager;
  private final List<EpochRecord> history = new ArrayList<>();
  private int epoch;
  private int batch;
  private int batches;
  private double lr;
  private double bestValue = Double.NaN;
  private int bestEpoch = -1;
  private int badEpochs;
  private boolean improved;
  private byte[] bestParams;
  private boolean bestDirty;
  private double lossBase;
  private NDArray lossSum;
  private boolean stop;

  TrainingLoop(FoldTrainer.Job job, TrainerOptions options, Block block, StatefulOptimizer optimizer,
      NDManager manager, double lr) {
    this.job = job;
    this.options = options;
    this.block = block;
    this.optimizer = optimizer;
    this.manager = manager;
    this.lr = lr;
  }

  /** Continues from a saved state. */
  void restore(TrainState s) {
    epoch = s.epoch();
    batch = s.batchesDone();
    lr = s.lr();
    bestValue = s.bestValue();
    bestEpoch = s.bestEpoch();
    badEpochs = s.badEpochs();
    lossBase = s.trainLossSum();
    history.clear();
    history.addAll(s.history());
  }

  /** The resumable state at this point. */
  public TrainState snapshot() {
    return new TrainState(epoch, batch, lr, bestValue, bestEpoch, badEpochs, batch == 0 ? 0 : trainLossSum(),
        history);
  }

  public FoldTrainer.Job job() {
    return job;
  }

  public TrainerOptions options() {
    return options;
  }

  public Block block() {
    return block;
  }

  public StatefulOptimizer optimizer() {
    return optimizer;
  }

  /** The epoch in progress (0-based); after {@link TrainingListener#onEpochEnd} the next one. */
  public int epoch() {
    return epoch;
  }

  /** Batches of the epoch done so far. */
  public int batch() {
    return batch;
  }

  /** Batches of the epoch in progress. */
  public int batches() {
    return batches;
  }

  public double lr() {
    return lr;
  }

  /** Sets the learning rate of the following steps. */
  public void setLr(double rate) {
    lr = rate;
    optimizer.setLearningRate((float) rate);
  }

  public double bestValue() {
    return bestValue;
  }

  public int bestEpoch() {
    return bestEpoch;
  }

  public int badEpochs() {
    return badEpochs;
  }

  /** Whether the epoch that just ended improved the monitored value. */
  public boolean improved() {
    return improved;
  }

  /** Records the monitored outcome of the epoch that just ended. */
  void setOutcome(boolean improvedNow, double best, int bestAt, int bad) {
    improved = improvedNow;
    bestValue = best;
    bestEpoch = bestAt;
    badEpochs = bad;
  }

  /** Keeps the current parameters as the best (in memory, until a checkpoint writes them). */
  void keepBest() throws IOException {
    bestParams = FoldTrainer.params(block);
    bestDirty = true;
  }

  /** The best parameters so far, or null. */
  byte[] bestParams() {
    return bestParams;
  }

  void setBestParams(byte[] params) {
    bestParams = params;
    bestDirty = false;
  }

  boolean bestDirty() {
    return bestDirty;
  }

  void bestWritten() {
    bestDirty = false;
  }

  public List<EpochRecord> history() {
    return List.copyOf(history);
  }

  /** Asks the loop to stop after this epoch. */
  public void stop() {
    stop = true;
  }

  boolean stopping() {
    return stop;
  }

  /** The sum of the batch losses of this epoch so far (one host read). */
  public double trainLossSum() {
    return lossBase + (lossSum == null ? 0 : lossSum.getFloat());
  }

  /** The mean batch loss of this epoch so far (one host read). */
  public double meanTrainLoss() {
    return batch == 0 ? Double.NaN : trainLossSum() / batch;
  }

  // ---- driven by FoldTrainer ----

  void beginEpoch(int batchesInEpoch) {
    batches = batchesInEpoch;
    if (lossSum != null) {
      lossSum.close();
    }
    lossSum = manager.zeros(new Shape());
    if (batch == 0) {
      lossBase = 0;
    }
  }

  /** Adds one batch's (detached) loss on the device. */
  void addLoss(NDArray batchLoss) {
    lossSum.addi(batchLoss);
    batch++;
  }

  /** Marks a batch trained before an interruption as done (resume). */
  boolean skipDone(int index) {
    return index < batch;
  }

  void endEpoch(EpochRecord record) {
    history.add(record);
    epoch++;
    batch = 0;
    lossBase = 0;
    if (lossSum != null) {
      lossSum.close();
      lossSum = null;
    }
  }
}
