package io.mml.plugins.similarity;

import java.util.List;
import java.util.Map;

/** Combines stored distance tables of several measures into one ({@code distance=ens}). */
public final class Ensemble {
  private Ensemble() {}

  /**
   * The weighted mean of the tables' entries for each pair; a pair missing from any weighted table
   * stays missing. With {@code normalize} each table is first divided by its mean off-diagonal
   * distance, so measures of different scales weigh as their weights say.
   *
   * @param tables per measure id, the tables to combine (every weighted measure present)
   * @param weights per measure id, weights >= 0
   */
  public static DistanceTable combine(List<String> tasks, List<TaskPairs.Pair> pairs,
      Map<String, DistanceTable> tables, Map<String, Double> weights, boolean normalize) {
    DistanceTable.Builder out = new DistanceTable.Builder(tasks);
    for (TaskPairs.Pair p : pairs) {
      double sum = 0;
      double wsum = 0;
      for (Map.Entry<String, Double> w : weights.entrySet()) {
        if (w.getValue() == 0) {
          continue;
        }
        DistanceTable t = tables.get(w.getKey());
        double d = t.get(p.source(), p.target());
        double scale = normalize ? t.meanOffDiagonal().orElse(1) : 1;
        sum += w.getValue() * d / (scale == 0 ? 1 : scale);
        wsum += w.getValue();
      }
      if (!Double.isNaN(sum)) {
        out.put(p.source(), p.target(), sum / wsum);
      }
    }
    return out.build();
  }
}
