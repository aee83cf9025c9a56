package io.mml.plugins.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Turns the trained pipelines of source tasks into blueprints for a pivot (mml's suggest plugin):
 * sources farther than the {@code simCutoff} quantile of the distances are dropped; of each source's
 * pipelines those worse than the {@code perfCutoff} quantile of its performances are dropped; each
 * remaining pipeline weighs {@code exp(-distance / temperature)} (a high temperature explores
 * uniformly, a low one follows the closest source). Each config group of a blueprint (e.g. the
 * whole {@code arch} or {@code optimizer} subtree, so the options of one group stay consistent) is
 * one of the values the pipelines have, with probability proportional to the summed weights of the
 * pipelines having it. Blueprint 0 takes the most probable value of each group; the others are
 * drawn from the seeded random source.
 *
 * @param simCutoff quantile in [0, 1] of the source distances to keep (1: all sources)
 * @param perfCutoff quantile in [0, 1] of a source's performances a pipeline must reach (0: all)
 * @param temperature > 0
 */
public record BlueprintSampler(double simCutoff, double perfCutoff, double temperature) {
  /** The pipelines that pass both cutoffs, each with its weight. */
  public record Weighted(Candidate candidate, double weight) {}

  public BlueprintSampler {
    if (!(simCutoff >= 0 && simCutoff <= 1) || !(perfCutoff >= 0 && perfCutoff <= 1)) {
      throw new IllegalArgumentException("cutoffs are quantiles in [0, 1]: " + simCutoff + ", " + perfCutoff);
    }
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0: " + temperature);
    }
  }

  /** The candidates that pass the cutoffs, with their weights (not normalised). */
  public List<Weighted> weigh(List<Candidate> candidates) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    Map<String, Double> sourceDistance = new LinkedHashMap<>();
    candidates.forEach(c -> sourceDistance.put(c.source(), c.distance()));
    double maxDistance = quantile(sourceDistance.values().stream().mapToDouble(Double::doubleValue).toArray(),
        simCutoff);
    List<Weighted> out = new ArrayList<>();
    for (String source : sourceDistance.keySet()) {
      if (sourceDistance.get(source) > maxDistance) {
        continue;
      }
      List<Candidate> own = candidates.stream().filter(c -> c.source().equals(source)).toList();
      boolean higher = own.get(0).higherIsBetter();
      // Quantile of "goodness": the perfCutoff quantile of the signed performances.
      double[] good = own.stream().mapToDouble(c -> higher ? c.performance() : -c.performance()).toArray();
      double minGood = quantile(good, perfCutoff);
      for (Candidate c : own) {
        if ((higher ? c.performance() : -c.performance()) >= minGood) {
          out.add(new Weighted(c, Math.exp(-c.distance() / temperature)));
        }
      }
    }
    return out;
  }

  /**
   * {@code n} blueprints: per config group found in the pipelines, one of their values.
   *
   * @return the blueprints, blueprint 0 the most probable one
   */
  public List<ObjectNode> sample(List<Weighted> weighted, int n, Random random) {
    TreeSet<String> groups = new TreeSet<>();
    weighted.forEach(w -> w.candidate().pipeline().fieldNames().forEachRemaining(groups::add));
    Map<String, List<Map.Entry<JsonNode, Double>>> choices = new LinkedHashMap<>();
    for (String g : groups) {
      Map<JsonNode, Double> mass = new LinkedHashMap<>();
      for (Weighted w : weighted) {
        JsonNode v = w.candidate().pipeline().get(g);
        if (v != null) {
          mass.merge(v, w.weight(), Double::sum);
        }
      }
      List<Map.Entry<JsonNode, Double>> sorted = new ArrayList<>(mass.entrySet());
      // Most probable first; ties keep the order of the candidates (stable sort).
      sorted.sort(Comparator.comparingDouble((Map.Entry<JsonNode, Double> e) -> e.getValue()).reversed());
      choices.put(g, sorted);
    }
    List<ObjectNode> out = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      ObjectNode blueprint = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, List<Map.Entry<JsonNode, Double>>> g : choices.entrySet()) {
        blueprint.set(g.getKey(), (b == 0 ? g.getValue().get(0) : draw(g.getValue(), random)).getKey().deepCopy());
      }
      out.add(blueprint);
    }
    return out;
  }

  private static Map.Entry<JsonNode, Double> draw(List<Map.Entry<JsonNode, Double>> options, Random random) {
    double total = options.stream().mapToDouble(Map.Entry::getValue).sum();
    double u = random.nextDouble() * total;
    for (Map.Entry<JsonNode, Double> e : options) {
      u -= e.getValue();
      if (u < 0) {
        return e;
      }
    }
    return options.get(options.size() - 1);
  }

  /** The {@code q} quantile of {@code values} with linear interpolation between order statistics. */
  static double quantile(double[] values, double q) {
    double[] v = values.clone();
    Arrays.sort(v);
    double pos = q * (v.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(v.length - 1, lo + 1);
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
  }
}
