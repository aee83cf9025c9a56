package io.mml.runtime.tasktype.builtin;

import ai.djl.training.loss.Loss;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasktype.TaskLoss;

/** Huber (default, robust to outliers) or L2 (mean squared error), chosen by {@code loss.reg.kind}. */
public final class RegressionLoss implements TaskLoss {
  /** huber or l2. */
  public static final String SETTING_KIND = "huber";
  /** Where Huber turns from quadratic to linear. */
  public static final String SETTING_DELTA = "1.0";

  @Override
  public Loss build(TaskHeader task, Config settings) {
    String kind = Settings.text(settings, "kind", "huber");
    return switch (kind) {
      case "huber" -> new PointwiseLoss("huber", (float) Settings.number(settings, "delta", "reg", 1.0));
      case "l2" -> new PointwiseLoss("l2", Float.POSITIVE_INFINITY);
      default -> throw new ConfigException("loss.reg.kind", "Config key 'loss.reg.kind' must be huber or l2; found '"
          + kind + "'.");
    };
  }
}
