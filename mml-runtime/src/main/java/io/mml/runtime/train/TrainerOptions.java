package io.mml.runtime.train;

import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;

/**
 * The {@code trainer} config group as a typed, checked value. Defaults live only in
 * {@code trainer/default.yaml}; {@link #from} reads the composed config, so a missing key, a value
 * of the wrong type or out of range is an error naming the key and the valid range, raised when the
 * mode checks its config (before anything is written).
 *
 * @param maxEpochs epochs to train (&gt;= 1)
 * @param monitor the validation quantity that selects the best model
 * @param earlyStoppingPatience epochs without improvement before stopping (0 = never)
 * @param minDelta the least improvement that counts (&gt;= 0)
 * @param checkpointMinutes a resumable checkpoint at the first batch or epoch end after this many
 *     minutes since the last one (0 = after every epoch)
 * @param numThreads PyTorch intra-op threads (&gt;= 1)
 * @param progressBar whether to draw a progress bar on a terminal
 * @param device where to train: {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
 */
public record TrainerOptions(int maxEpochs, String monitor, int earlyStoppingPatience, double minDelta,
    double checkpointMinutes, int numThreads, boolean progressBar, String device) {

  /** Reads and checks the {@code trainer} group of a composed config. */
  public static TrainerOptions from(Config cfg) {
    TrainerOptions o = new TrainerOptions(
        atLeast(cfg, "trainer.max_epochs", 1),
        cfg.getString(require(cfg, "trainer.monitor")),
        atLeast(cfg, "trainer.early_stopping_patience", 0),
        nonNegative(cfg, "trainer.min_delta"),
        nonNegative(cfg, "trainer.checkpoint_minutes"),
        atLeast(cfg, "trainer.num_threads", 1),
        cfg.getBoolean(require(cfg, "trainer.progress_bar")),
        cfg.getString(require(cfg, "trainer.device")));
    TrainingDevice.parse(o.device());
    return o;
  }

  private static String require(Config cfg, String key) {
    if (!cfg.has(key)) {
      throw new ConfigException(key, "Config key '" + key + "' is missing; the trainer group (trainer/default.yaml)"
          + " sets it. Give it on the command line (+" + key + "=...) or select trainer=default.");
    }
    return key;
  }

  private static int atLeast(Config cfg, String key, int min) {
    int v = cfg.getInt(require(cfg, key));
    if (v < min) {
      throw new ConfigException(key, "Config key '" + key + "' is " + v + " but must be an integer >= " + min
          + " (e.g. " + key + "=" + Math.max(min, 10) + ").");
    }
    return v;
  }

  private static double nonNegative(Config cfg, String key) {
    double v = cfg.getDouble(require(cfg, key));
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new ConfigException(key, "Config key '" + key + "' is " + v + " but must be a finite number >= 0.");
    }
    return v;
  }
}
