package io.mml.runtime.train;

import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import java.util.List;

/**
 * The learning rate per epoch ({@code lr_scheduler} group): none, step, cosine or plateau. Plateau
 * reacts to the monitored validation value, so the schedule is a function of the history, and a
 * resumed training recomputes the same rate from its saved state.
 */
public final class LrSchedule {
  static final List<String> NAMES = List.of("none", "step", "cosine", "plateau");

  private final String name;
  private final double base;
  private final int stepSize;
  private final double gamma;
  private final double minLr;
  private final double factor;
  private final int patience;
  private final int maxEpochs;

  private LrSchedule(String name, double base, int stepSize, double gamma, double minLr, double factor, int patience,
      int maxEpochs) {
    this.name = name;
    this.base = base;
    this.stepSize = stepSize;
    this.gamma = gamma;
    this.minLr = minLr;
    this.factor = factor;
    this.patience = patience;
    this.maxEpochs = maxEpochs;
  }

  /** The schedule of {@code lr_scheduler}, starting from {@code optimizer.lr}. */
  public static LrSchedule fromConfig(Config cfg, double baseLr, int maxEpochs) {
    String name = cfg.has("lr_scheduler.name") ? cfg.getString("lr_scheduler.name") : "none";
    if (!NAMES.contains(name)) {
      throw new ConfigException("lr_scheduler.name", "Unknown learning-rate schedule '" + name + "'. Known: " + NAMES
          + "." + ConfigException.didYouMean(Names.closest(name, NAMES)));
    }
    return new LrSchedule(name, baseLr,
        cfg.has("lr_scheduler.step_size") ? cfg.getInt("lr_scheduler.step_size") : 10,
        cfg.has("lr_scheduler.gamma") ? cfg.getDouble("lr_scheduler.gamma") : 0.1,
        cfg.has("lr_scheduler.min_lr") ? cfg.getDouble("lr_scheduler.min_lr") : 0.0,
        cfg.has("lr_scheduler.factor") ? cfg.getDouble("lr_scheduler.factor") : 0.1,
        cfg.has("lr_scheduler.patience") ? cfg.getInt("lr_scheduler.patience") : 3,
        maxEpochs);
  }

  /** A constant rate (tests, benchmarks). */
  public static LrSchedule constant(double lr) {
    return new LrSchedule("none", lr, 1, 1, 0, 1, 1, 1);
  }

  /** The schedule's name. */
  public String name() {
    return name;
  }

  /**
   * The rate for an epoch (0-based).
   *
   * @param epoch the epoch about to run
   * @param previousLr the rate of the epoch before (plateau), or the base rate at epoch 0
   * @param epochsWithoutImprovement epochs since the monitored value last improved (plateau)
   */
  public double rate(int epoch, double previousLr, int epochsWithoutImprovement) {
    return switch (name) {
      case "step" -> base * Math.pow(gamma, epoch / Math.max(1, stepSize));
      case "cosine" -> minLr + (base - minLr) * 0.5 * (1 + Math.cos(Math.PI * epoch / Math.max(1, maxEpochs)));
      case "plateau" -> epoch > 0 && epochsWithoutImprovement > 0 && epochsWithoutImprovement % patience == 0
          ? Math.max(minLr, previousLr * factor) : previousLr;
      default -> base;
    };
  }
}
