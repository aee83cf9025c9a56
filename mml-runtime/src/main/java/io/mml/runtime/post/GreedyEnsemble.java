package io.mml.runtime.post;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Ensemble selection (Caruana et al. 2004): greedy forward selection with replacement over a
 * library of models, scored by the log-loss of the averaged probabilities on a seeded share of the
 * test split ({@code evalFrac}); the rest is held out for an unbiased evaluation.
 *
 * <ol>
 *   <li>Rows are ordered by sample id and shuffled with {@code Random(seed)}; the first
 *       {@code round(evalFrac · n)} (at least 1, at most n − 1) select, the others are held out.
 *   <li>Up to {@code maxSize} times, the model whose addition (again, if already chosen) gives the
 *       lowest selection loss is added; ties go to the model listed first. The best prefix of this
 *       sequence is kept, so adding models never makes the result worse on the selection rows.
 *       Weights are the counts divided by their sum.
 *   <li>With {@code budget > 0}, weight search: {@code budget} proposals over the chosen models, each
 *       drawn from a Dirichlet distribution centred on the best weights so far with total
 *       concentration {@code K / weightsTemperature} ({@code K} chosen models; a higher temperature
 *       explores further), each kept when it lowers the selection loss.
 * </ol>
 */
public final class GreedyEnsemble {
  private GreedyEnsemble() {}

  /**
   * How to search.
   *
   * @param evalFrac the share of the test rows that select (0 < evalFrac < 1)
   * @param maxSize the greedy steps, i.e. the most members counted with repetition (≥ 1)
   * @param budget weight proposals after the greedy steps (0: none)
   * @param weightsTemperature the spread of the weight proposals (> 0)
   * @param seed seeds the split and the proposals
   */
  public record Settings(double evalFrac, int maxSize, int budget, double weightsTemperature, long seed) {
    public Settings {
      if (!(evalFrac > 0 && evalFrac < 1)) {
        throw new IllegalArgumentException("evalFrac must be within (0, 1): " + evalFrac);
      }
      if (maxSize < 1 || budget < 0) {
        throw new IllegalArgumentException("maxSize must be >= 1 and budget >= 0: " + maxSize + ", " + budget);
      }
      if (!(weightsTemperature > 0) || Double.isInfinite(weightsTemperature)) {
        throw new IllegalArgumentException("weightsTemperature must be a positive number: " + weightsTemperature);
      }
    }
  }

  /**
   * The selected ensemble.
   *
   * @param weights per model of the library, its weight (summing to 1; 0 for models not chosen)
   * @param counts per model, how often the greedy steps chose it
   * @param greedyLosses the selection loss after each greedy step
   * @param greedyLoss the selection loss of the counts' weights
   * @param loss the selection loss of {@code weights} (≤ {@code greedyLoss})
   * @param accepted weight proposals kept
   * @param selectionRows the rows that selected
   * @param heldOutRows the held-out rows
   */
  public record Selection(double[] weights, int[] counts, List<Double> greedyLosses, double greedyLoss, double loss,
      int accepted, int[] selectionRows, int[] heldOutRows) {
    public Selection {
      weights = weights.clone();
      counts = counts.clone();
      greedyLosses = List.copyOf(greedyLosses);
      selectionRows = selectionRows.clone();
      heldOutRows = heldOutRows.clone();
    }

    @Override
    public double[] weights() {
      return weights.clone();
    }

    @Override
    public int[] counts() {
      return counts.clone();
    }

    @Override
    public int[] selectionRows() {
      return selectionRows.clone();
    }

    @Override
    public int[] heldOutRows() {
      return heldOutRows.clone();
    }
  }

  /**
   * Selects an ensemble from {@code library}: models' predictions of the same labelled rows, in the
   * same order (same sample ids).
   */
  public static Selection select(List<ClassPredictions> library, Settings settings) {
    if (library.isEmpty()) {
      throw new IllegalArgumentException("the library has no models");
    }
    ClassPredictions first = library.get(0);
    int n = first.size();
    for (ClassPredictions m : library) {
      if (!m.sampleIds().equals(first.sampleIds()) || m.numClasses() != first.numClasses()) {
        throw new IllegalArgumentException("every model must predict the same rows and classes");
      }
    }
    if (n < 2 || !first.labelled()) {
      throw new IllegalArgumentException("ensemble selection needs at least 2 labelled rows, has " + n);
    }
    Random random = new Random(settings.seed());
    int[][] split = split(first.sampleIds(), settings.evalFrac(), random);
    int[] sel = split[0];
    int[] labels = first.labels();
    double[][][] p = new double[library.size()][][];
    for (int m = 0; m < p.length; m++) {
      p[m] = library.get(m).probabilities();
    }

    int classes = first.numClasses();
    int[] counts = new int[p.length];
    double[][] sum = new double[n][classes];
    List<Double> losses = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    int[] bestCounts = counts.clone();
    for (int step = 1; step <= settings.maxSize(); step++) {
      int chosen = -1;
      double chosenLoss = Double.POSITIVE_INFINITY;
      for (int m = 0; m < p.length; m++) {
        double loss = 0;
        for (int i : sel) {
          loss += LogLoss.of(average(sum[i], p[m][i], step), labels[i]);
        }
        loss /= sel.length;
        if (loss < chosenLoss) {
          chosenLoss = loss;
          chosen = m;
        }
      }
      counts[chosen]++;
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < classes; k++) {
          sum[i][k] += p[chosen][i][k];
        }
      }
      losses.add(chosenLoss);
      if (chosenLoss < best) {
        best = chosenLoss;
        bestCounts = counts.clone();
      }
    }
    double[] weights = normalise(bestCounts);
    double greedyLoss = loss(p, weights, labels, sel);
    double loss = greedyLoss;
    int accepted = 0;
    int chosenModels = (int) Arrays.stream(bestCounts).filter(c -> c > 0).count();
    for (int b = 0; b < settings.budget() && chosenModels > 1; b++) {
      double[] proposal = propose(weights, chosenModels / settings.weightsTemperature(), random);
      double l = loss(p, proposal, labels, sel);
      if (l < loss) {
        loss = l;
        weights = proposal;
        accepted++;
      }
    }
    return new Selection(weights, bestCounts, losses, greedyLoss, loss, accepted, sel, split[1]);
  }

  /** The weighted average of the models' probabilities for every row. */
  public static double[][] combine(List<double[][]> probabilities, double[] weights) {
    int n = probabilities.get(0).length;
    double[][] out = new double[n][probabilities.get(0)[0].length];
    for (int m = 0; m < probabilities.size(); m++) {
      if (weights[m] == 0) {
        continue;
      }
      double[][] pm = probabilities.get(m);
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < out[i].length; k++) {
          out[i][k] += weights[m] * pm[i][k];
        }
      }
    }
    return out;
  }

  /** {selection rows, held-out rows}: rows ordered by sample id, shuffled, cut at {@code round(evalFrac · n)}. */
  static int[][] split(List<String> sampleIds, double evalFrac, Random random) {
    int n = sampleIds.size();
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(i);
    }
    rows.sort(Comparator.comparing(sampleIds::get));
    Collections.shuffle(rows, random);
    int cut = (int) Math.max(1, Math.min(n - 1, Math.round(evalFrac * n)));
    int[] sel = rows.subList(0, cut).stream().mapToInt(Integer::intValue).sorted().toArray();
    int[] held = rows.subList(cut, n).stream().mapToInt(Integer::intValue).sorted().toArray();
    return new int[][] {sel, held};
  }

  private static double[] average(double[] sum, double[] add, int count) {
    double[] out = new double[sum.length];
    for (int k = 0; k < sum.length; k++) {
      out[k] = (sum[k] + add[k]) / count;
    }
    return out;
  }

  private static double loss(double[][][] p, double[] weights, int[] labels, int[] rows) {
    double total = 0;
    double[] mix = new double[p[0][0].length];
    for (int i : rows) {
      Arrays.fill(mix, 0);
      for (int m = 0; m < p.length; m++) {
        if (weights[m] > 0) {
          for (int k = 0; k < mix.length; k++) {
            mix[k] += weights[m] * p[m][i][k];
          }
        }
      }
      total += LogLoss.of(mix, labels[i]);
    }
    return total / rows.length;
  }

  /** A Dirichlet draw over the models with weight > 0, centred on their weights, with total concentration {@code c}. */
  private static double[] propose(double[] weights, double concentration, Random random) {
    int[] idx = java.util.stream.IntStream.range(0, weights.length).filter(m -> weights[m] > 0).toArray();
    double[] alpha = new double[idx.length];
    for (int j = 0; j < idx.length; j++) {
      alpha[j] = Math.max(1e-3, weights[idx[j]] * concentration);
    }
    double[] draw = Dirichlet.sample(alpha, random);
    double[] out = new double[weights.length];
    for (int j = 0; j < idx.length; j++) {
      out[idx[j]] = draw[j];
    }
    return out;
  }

  private static double[] normalise(int[] counts) {
    double total = Arrays.stream(counts).sum();
    double[] w = new double[counts.length];
    for (int m = 0; m < counts.length; m++) {
      w[m] = counts[m] / total;
    }
    return w;
  }
}
