package io.mml.runtime.train;

import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigBinder;
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

  /** The {@code lr_scheduler} options, one record per schedule; the keys and their defaults live in its YAML. */
  private record NoneOptions(String name) {}

  private record StepOptions(String name, int stepSize, double gamma) {
    StepOptions {
      positive("lr_scheduler.step_size", stepSize);
      positive("lr_scheduler.gamma", gamma);
    }
  }

  private record CosineOptions(String name, double minLr) {
    CosineOptions {
      nonNegative("lr_scheduler.min_lr", minLr);
    }
  }

  private record PlateauOptions(String name, double factor, int patience, double minLr) {
    PlateauOptions {
      positive("lr_scheduler.factor", factor);
      positive("lr_scheduler.patience", patience);
      nonNegative("lr_scheduler.min_lr", minLr);
    }
  }

  private static void positive(String key, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new ConfigException(key, "Config key '" + key + "' is " + v + " but must be a finite number > 0.");
    }
  }

  private static void nonNegative(String key, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new ConfigException(key, "Config key '" + key + "' is " + v + " but must be a finite number >= 0.");
    }
  }

  /** The schedule of {@code lr_scheduler}, starting from {@code optimizer.lr}. */
  public static LrSchedule fromConfig(Config cfg, double baseLr, int maxEpochs) {
    String key = "lr_scheduler.name";
    String name = cfg.has(key) ? cfg.getString(key) : null;
    if (name == null || !NAMES.contains(name)) {
      throw new ConfigException(key, "Unknown learning-rate schedule '" + name + "' (" + key + "). Known: " + NAMES
          + "; select one with lr_scheduler=<name>." + ConfigException.didYouMean(Names.closest(String.valueOf(name),
              NAMES)));
    }
    String group = "lr_scheduler";
    switch (name) {
      case "step": {
        StepOptions o = ConfigBinder.bind(cfg, group, StepOptions.class);
        return new LrSchedule(name, baseLr, o.stepSize(), o.gamma(), 0, 1, 1, maxEpochs);
      }
      case "cosine": {
        CosineOptions o = ConfigBinder.bind(cfg, group, CosineOptions.class);
        return new LrSchedule(name, baseLr, 1, 1, o.minLr(), 1, 1, maxEpochs);
      }
      case "plateau": {
        PlateauOptions o = ConfigBinder.bind(cfg, group, PlateauOptions.class);
        return new LrSchedule(name, baseLr, 1, 1, o.minLr(), o.factor(), o.patience(), maxEpochs);
      }
      default:
        ConfigBinder.bind(cfg, group, NoneOptions.class);
        return new LrSchedule(name, baseLr, 1, 1, 0, 1, 1, maxEpochs);
    }
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
