package io.mml.runtime.sweep;

import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigBinder;
import io.mml.runtime.config.ConfigException;
import java.util.List;

/**
 * The {@code hpo} config group: how a sweep draws its trials. Defaults live in {@code hpo/*.yaml}.
 *
 * @param type {@code none} (one run, or with {@code -m} the grid of the command line's sweeps),
 *     {@code grid}, {@code random} or {@code tpe}
 * @param trials how many trials ({@code grid}: at most this many, 0 = the whole grid)
 * @param direction {@code minimize} or {@code maximize} the run's return value
 * @param seed seeds the drawing of trials
 * @param startupTrials TPE: random trials before the model guides the search
 * @param gamma TPE: the fraction of trials that count as good
 * @param candidates TPE: candidates drawn from the good density per trial
 * @param parallel trials run at once (each a run of a cluster executor; searches propose this many
 *     from the same finished trials); 1 runs them one after another
 */
public record HpoOptions(String type, int trials, String direction, long seed, int startupTrials, double gamma,
    int candidates, int parallel) {
  static final List<String> TYPES = List.of("none", "grid", "random", "tpe");

  public HpoOptions {
    if (!TYPES.contains(type)) {
      throw new ConfigException("hpo.type", "hpo.type is '" + type + "'; choose hpo=none, grid, random or tpe.");
    }
    if (!direction.equals("minimize") && !direction.equals("maximize")) {
      throw new ConfigException("hpo.direction", "hpo.direction is '" + direction + "'; use minimize or maximize.");
    }
    if (trials < 0 || (trials == 0 && (type.equals("random") || type.equals("tpe")))) {
      throw new ConfigException("hpo.trials", "hpo.trials is " + trials + "; " + type + " needs at least one trial"
          + " (e.g. hpo.trials=20).");
    }
    if (startupTrials < 1 || candidates < 1 || !(gamma > 0 && gamma < 1)) {
      throw new ConfigException("hpo", "hpo.startup_trials and hpo.candidates must be at least 1 and hpo.gamma in"
          + " (0, 1); found " + startupTrials + ", " + candidates + ", " + gamma + ".");
    }
    if (parallel < 1) {
      throw new ConfigException("hpo.parallel", "hpo.parallel is " + parallel + "; it counts the trials that run at"
          + " once, so give 1 (one after another) or more (with executor=slurm).");
    }
  }

  /** Reads and checks the {@code hpo} group (no group: no search). */
  public static HpoOptions from(Config cfg) {
    if (!cfg.has("hpo")) {
      return new HpoOptions("none", 0, "minimize", 0, 10, 0.25, 24, 1);
    }
    return ConfigBinder.bind(cfg, "hpo", HpoOptions.class);
  }

  /** Whether the search draws trials from a search space. */
  public boolean searches() {
    return !type.equals("none");
  }

  /** Whether lower return values are better. */
  public boolean minimize() {
    return direction.equals("minimize");
  }
}
