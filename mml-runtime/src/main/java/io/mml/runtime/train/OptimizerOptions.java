package io.mml.runtime.train;

import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigBinder;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import java.util.List;

/**
 * The {@code optimizer} config group, typed and checked: one record per optimizer, bound from the
 * composed config, whose keys and defaults live only in {@code optimizer/<name>.yaml}.
 */
public sealed interface OptimizerOptions {
  /** The optimizer names ({@code optimizer=<name>}). */
  List<String> NAMES = List.of("adam", "sgd");

  /** The learning rate the schedule starts from. */
  double lr();

  /** L2 weight decay. */
  double weightDecay();

  /** The optimizer with state that checkpoints can save. */
  StatefulOptimizer build(float lr);

  /** Adam. */
  record Adam(String name, double lr, double weightDecay, double beta1, double beta2) implements OptimizerOptions {
    public Adam {
      check(lr, weightDecay);
      unit("optimizer.beta1", beta1);
      unit("optimizer.beta2", beta2);
    }

    @Override
    public StatefulOptimizer build(float rate) {
      return StatefulOptimizer.adam(rate, (float) beta1, (float) beta2, (float) weightDecay).build();
    }
  }

  /** SGD with momentum. */
  record Sgd(String name, double lr, double momentum, double weightDecay) implements OptimizerOptions {
    public Sgd {
      check(lr, weightDecay);
      unit("optimizer.momentum", momentum);
    }

    @Override
    public StatefulOptimizer build(float rate) {
      return StatefulOptimizer.sgd(rate, (float) momentum, (float) weightDecay).build();
    }
  }

  /** Reads and checks the {@code optimizer} group. */
  static OptimizerOptions from(Config cfg) {
    String key = "optimizer.name";
    String name = cfg.has(key) ? cfg.getString(key) : null;
    if (name == null || !NAMES.contains(name)) {
      throw new ConfigException(key, "Unknown optimizer '" + name + "' (" + key + "). Known: " + NAMES
          + "; choose with optimizer=adam|sgd." + ConfigException.didYouMean(Names.closest(String.valueOf(name),
              NAMES)));
    }
    return name.equals("adam") ? ConfigBinder.bind(cfg, "optimizer", Adam.class)
        : ConfigBinder.bind(cfg, "optimizer", Sgd.class);
  }

  private static void check(double lr, double weightDecay) {
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new ConfigException("optimizer.lr", "Config key 'optimizer.lr' is " + lr + " but must be a finite number"
          + " > 0 (e.g. optimizer.lr=1e-3).");
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new ConfigException("optimizer.weight_decay", "Config key 'optimizer.weight_decay' is " + weightDecay
          + " but must be a finite number >= 0.");
    }
  }

  private static void unit(String key, double v) {
    if (!(v >= 0 && v < 1)) {
      throw new ConfigException(key, "Config key '" + key + "' is " + v + " but must be in [0, 1).");
    }
  }
}
