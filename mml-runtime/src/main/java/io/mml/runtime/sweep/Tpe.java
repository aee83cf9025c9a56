package io.mml.runtime.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011), univariate as in hyperopt and
 * Optuna's default: after {@code startupTrials} random trials, the finished trials are split into
 * the best {@code gamma} fraction and the rest; per key a Parzen density of each group is built
 * (Gaussian kernels on the unit scale, log scale for {@code log_interval}, with a uniform prior
 * component; smoothed counts for choices); {@code candidates} points drawn from the good density
 * are scored by log l(x) - log g(x) summed over keys, and the best is proposed.
 */
public final class Tpe implements Sampler {
  private final SearchSpace space;
  private final long seed;
  private final boolean minimize;
  private final int startupTrials;
  private final double gamma;
  private final int candidates;

  public Tpe(SearchSpace space, HpoOptions opts) {
    this(space, opts.seed(), opts.minimize(), opts.startupTrials(), opts.gamma(), opts.candidates());
  }

  Tpe(SearchSpace space, long seed, boolean minimize, int startupTrials, double gamma, int candidates) {
    this.space = space;
    this.seed = seed;
    this.minimize = minimize;
    this.startupTrials = startupTrials;
    this.gamma = gamma;
    this.candidates = candidates;
  }

  @Override
  public Map<String, String> propose(int number, List<Trial> history) {
    Random rng = Sampler.random(seed, number);
    List<Trial> scored = new ArrayList<>(history.stream().filter(t -> !Double.isNaN(t.value())).toList());
    if (scored.size() < startupTrials) {
      return RandomSearch.draw(space, rng);
    }
    Comparator<Trial> better = Comparator.comparingDouble(Trial::value);
    scored.sort(minimize ? better : better.reversed());
    int nGood = Math.max(1, (int) Math.ceil(gamma * scored.size()));
    List<Trial> good = scored.subList(0, nGood);
    List<Trial> bad = scored.subList(nGood, scored.size());
    Map<String, String> best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < candidates; c++) {
      Map<String, String> x = new LinkedHashMap<>();
      double score = 0;
      for (SearchParam p : space.params()) {
        Density l = Density.of(p, good);
        Density g = Density.of(p, bad);
        String v = l.sample(p, rng);
        x.put(p.key(), v);
        score += Math.log(l.at(p, v)) - Math.log(g.at(p, v));
      }
      if (score > bestScore) {
        bestScore = score;
        best = x;
      }
    }
    return best;
  }

  /** A univariate Parzen density of one key over some trials, with a uniform prior component. */
  private record Density(double[] centres, double bandwidth, double[] categoryWeights) {
    static Density of(SearchParam p, List<Trial> trials) {
      if (p.type() == SearchParam.Type.CHOICE) {
        double[] w = new double[p.choices().size()];
        java.util.Arrays.fill(w, 1.0); // the prior: one pseudo-observation per choice
        for (Trial t : trials) {
          int i = p.choices().indexOf(t.assignment().get(p.key()));
          if (i >= 0) {
            w[i] += 1;
          }
        }
        double sum = java.util.Arrays.stream(w).sum();
        for (int i = 0; i < w.length; i++) {
          w[i] /= sum;
        }
        return new Density(null, 0, w);
      }
      double[] xs = trials.stream().map(t -> t.assignment().get(p.key())).filter(java.util.Objects::nonNull)
          .mapToDouble(p::toUnit).toArray();
      // Scott-like bandwidth on the unit scale, never narrower than a resolution that keeps exploring.
      double bw = Math.max(0.05, Math.pow(Math.max(1, xs.length), -1.0 / 5) * 0.5);
      return new Density(xs, bw, null);
    }

    String sample(SearchParam p, Random rng) {
      if (categoryWeights != null) {
        double u = rng.nextDouble();
        for (int i = 0; i < categoryWeights.length; i++) {
          u -= categoryWeights[i];
          if (u <= 0) {
            return p.choices().get(i);
          }
        }
        return p.choices().get(categoryWeights.length - 1);
      }
      int k = rng.nextInt(centres.length + 1); // component 0 is the uniform prior
      double u = k == 0 ? rng.nextDouble() : centres[k - 1] + rng.nextGaussian() * bandwidth;
      return p.fromUnit(Math.max(0, Math.min(1, u)));
    }

    double at(SearchParam p, String value) {
      if (categoryWeights != null) {
        return categoryWeights[Math.max(0, p.choices().indexOf(value))];
      }
      double x = p.toUnit(value);
      double sum = 1.0; // the uniform prior's density on [0, 1]
      for (double c : centres) {
        double z = (x - c) / bandwidth;
        sum += Math.exp(-0.5 * z * z) / (bandwidth * Math.sqrt(2 * Math.PI));
      }
      return sum / (centres.length + 1);
    }
  }
}
