package io.mml.runtime.train;

import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigBinder;
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
  public TrainerOptions {
    atLeast("trainer.max_epochs", maxEpochs, 1);
    atLeast("trainer.early_stopping_patience", earlyStoppingPatience, 0);
    nonNegative("trainer.min_delta", minDelta);
    nonNegative("trainer.checkpoint_minutes", checkpointMinutes);
    atLeast("trainer.num_threads", numThreads, 1);
    TrainingDevice.parse(device);
  }

  /** Reads and checks the {@code trainer} group of a composed config. */
  public static TrainerOptions from(Config cfg) {
    return ConfigBinder.bind(cfg, "trainer", TrainerOptions.class);
  }

  private static void atLeast(String key, int v, int min) {
    if (v < min) {
      throw new ConfigException(key, "Config key '" + key + "' is " + v + " but must be an integer >= " + min
          + " (e.g. " + key + "=" + Math.max(min, 10) + ").");
    }
  }

  private static void nonNegative(String key, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new ConfigException(key, "Config key '" + key + "' is " + v + " but must be a finite number >= 0.");
    }
  }
}
