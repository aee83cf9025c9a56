package io.mml.plugins.similarity;

import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigBinder;
import io.mml.runtime.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The composed {@code distance} group (one option per measure), bound to a record per kind of
 * option: the measure and its settings. Defaults live in the options' YAML only.
 */
public sealed interface DistanceOptions {
  /** The measure the option selects. */
  Measure measure();

  /** Options without settings: {@code mmd}, {@code fid}, {@code semantic}. */
  record Plain(String name) implements DistanceOptions {
    @Override
    public Measure measure() {
      return Measure.of(name, "distance.name");
    }
  }

  /** {@code kld} and {@code emd}: bins per feature dimension. */
  record Histogram(String name, int bins) implements DistanceOptions {
    public Histogram {
      if (bins < 2) {
        throw new ConfigException("distance.bins", "distance.bins=" + bins + ": a histogram needs at least 2 bins"
            + " (e.g. distance.bins=20).");
      }
    }

    @Override
    public Measure measure() {
      return Measure.of(name, "distance.name");
    }
  }

  /**
   * {@code ens}: the stored tables of other measures combined as {@code sum_m w_m d_m / sum_m w_m},
   * each table first divided by its mean distance when {@code normalize} (so scales compare).
   */
  record Ensemble(String name, Map<String, Double> weights, boolean normalize) implements DistanceOptions {
    public Ensemble {
      Map<String, Double> w = new LinkedHashMap<>();
      double sum = 0;
      for (Map.Entry<String, Double> e : (weights == null ? Map.<String, Double>of() : weights).entrySet()) {
        Measure m = Measure.of(e.getKey(), "distance.weights." + e.getKey());
        if (m == Measure.ENS) {
          throw new ConfigException("distance.weights.ens", "distance.weights: ens cannot combine itself; weigh the"
              + " measured tables, e.g. distance.weights={mmd:1,fid:1}.");
        }
        if (e.getValue() == null || e.getValue() < 0 || e.getValue().isNaN()) {
          throw new ConfigException("distance.weights." + e.getKey(), "distance.weights." + e.getKey() + "="
              + e.getValue() + ": weights are numbers >= 0.");
        }
        w.put(e.getKey(), e.getValue());
        sum += e.getValue();
      }
      if (sum <= 0) {
        throw new ConfigException("distance.weights", "distance.weights gives no measure a positive weight: name the"
            + " tables to combine, e.g. distance.weights={mmd:1,fid:1}.");
      }
      weights = Map.copyOf(w);
    }

    @Override
    public Measure measure() {
      return Measure.ENS;
    }
  }

  /** Binds {@code distance} of a composed config; config errors name the key and the fix. */
  static DistanceOptions of(Config config) {
    if (!config.has("distance.name")) {
      throw new ConfigException("distance", "Mode similarity needs a distance measure: select one with"
          + " distance=<measure> (mmd, fid, kld, emd, semantic, ens).");
    }
    Measure m = Measure.of(config.getString("distance.name"), "distance.name");
    return switch (m) {
      case KLD, EMD -> ConfigBinder.bind(config, "distance", Histogram.class);
      case ENS -> ConfigBinder.bind(config, "distance", Ensemble.class);
      case MMD, FID, SEMANTIC -> ConfigBinder.bind(config, "distance", Plain.class);
    };
  }
}
