package io.mml.runtime.post;

import io.mml.runtime.config.ConfigException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The class prior calibrated probabilities are meant for ({@code mode.prior}), as in mml's post
 * mode: {@code val} (the validation split's label frequencies: the calibration's own prior, so no
 * shift), {@code test} (the test split's label frequencies: an oracle for analysis, it reads test
 * labels) or explicit class probabilities in class order ({@code 0.2,0.3,0.5}). A calibration fitted
 * on the validation split yields posteriors for the validation prior {@code π_val}; they are moved to
 * the target prior {@code π} by Bayes' rule (Saerens et al. 2002), {@code p'_k ∝ p_k π_k / π_val,k},
 * i.e. the logits gain {@code log π_k − log π_val,k}. Label frequencies are Laplace-smoothed
 * ({@link ClassPredictions#labelPrior()}) so that no class has prior 0.
 *
 * @param source where the target prior comes from
 * @param values the explicit prior (normalised to sum 1), empty unless {@code source} is {@code GIVEN}
 */
public record PriorOption(Source source, double[] values) {
  /** The config key. */
  public static final String KEY = "mode.prior";

  /** Where the target prior comes from. */
  public enum Source {
    /** The validation split: no shift. */
    VAL,
    /** The test split's labels. */
    TEST,
    /** Class probabilities given in the config. */
    GIVEN
  }

  public PriorOption {
    values = values.clone();
  }

  /** Parses {@code val}, {@code test} or comma-separated positive numbers; a clear error names the fix. */
  public static PriorOption parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("val")) {
      return new PriorOption(Source.VAL, new double[0]);
    }
    if (t.equals("test")) {
      return new PriorOption(Source.TEST, new double[0]);
    }
    String[] parts = t.replace("[", "").replace("]", "").split(",");
    double[] v = new double[parts.length];
    double sum = 0;
    try {
      for (int i = 0; i < parts.length; i++) {
        v[i] = Double.parseDouble(parts[i].strip());
        if (!(v[i] > 0) || Double.isInfinite(v[i])) {
          throw new NumberFormatException("not positive");
        }
        sum += v[i];
      }
    } catch (NumberFormatException e) {
      throw new ConfigException(KEY, KEY + " is '" + text + "': give val (no prior shift), test (the test labels'"
          + " class frequencies) or one positive number per class in class order, comma-separated, e.g. "
          + KEY + "=0.2,0.3,0.5.");
    }
    if (v.length < 2) {
      throw new ConfigException(KEY, KEY + " is '" + text + "': an explicit prior needs one number per class (at"
          + " least 2), e.g. " + KEY + "=0.5,0.5.");
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= sum;
    }
    return new PriorOption(Source.GIVEN, v);
  }

  /** Checks that an explicit prior has one value per class of the task. */
  public void checkClasses(String task, int classes) {
    if (source == Source.GIVEN && values.length != classes) {
      throw new ConfigException(KEY, KEY + " gives " + values.length + " class probabilities, but task " + task
          + " has " + classes + " classes. Give one per class, in class order.");
    }
  }

  /** The target prior for a model calibrated on {@code val}, tested on {@code test} (null: no test split). */
  double[] target(ClassPredictions val, ClassPredictions test) {
    return switch (source) {
      case VAL -> val.labelPrior();
      case TEST -> {
        if (test == null || !test.labelled()) {
          throw new IllegalStateException("mode.prior=test needs labelled test predictions");
        }
        yield test.labelPrior();
      }
      case GIVEN -> values.clone();
    };
  }

  /** The text form for reports: {@code val}, {@code test} or the values. */
  public String describe() {
    return source == Source.GIVEN ? Arrays.toString(values) : source.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public double[] values() {
    return values.clone();
  }
}
