package io.mml.plugins.similarity;

import io.mml.runtime.config.ConfigException;
import io.mml.runtime.files.PathKey;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The task distances of mode {@code similarity}, one option of config group {@code distance}
 * each ({@code distance=<name>}), and where each stores its table: the global reusable artifact
 * {@code DISTANCES/<name>/<name>_NNNN.csv} (path key {@code <name>}, as in mml), reused by later
 * projects with {@code +reuse.<name>=<project>} (e.g. by {@code ens} and mode {@code suggest}).
 */
public enum Measure {
  /** Maximum mean discrepancy of backbone features (RBF kernel, median heuristic). */
  MMD(true, true),
  /** Fréchet distance of Gaussians fitted to backbone features (FID). */
  FID(true, true),
  /** Kullback–Leibler divergence of per-dimension feature histograms, source to target. */
  KLD(false, true),
  /** Earth mover's distance of per-dimension feature histograms. */
  EMD(true, true),
  /** Keyword overlap of the task descriptions (1 - Jaccard index of their words). */
  SEMANTIC(true, false),
  /** Weighted combination of stored distance tables of other measures. */
  ENS(false, false);

  private final boolean symmetric;
  private final boolean needsFeatures;

  Measure(boolean symmetric, boolean needsFeatures) {
    this.symmetric = symmetric;
    this.needsFeatures = needsFeatures;
  }

  /** Whether d(a, b) = d(b, a): each unordered pair is computed once and mirrored. */
  public boolean symmetric() {
    return symmetric;
  }

  /** Whether the measure compares backbone features (so step {@code features} extracts them). */
  public boolean needsFeatures() {
    return needsFeatures;
  }

  /** The option name, path key and table name, e.g. {@code mmd}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The path key of the measure's distance table. */
  public PathKey tableKey() {
    return PathKey.builder(id()).folder("DISTANCES/" + id()).file(id() + ".csv").numbered().reusable().build();
  }

  /** Every measure's table key (registered by the modes that write or read tables). */
  public static List<PathKey> tableKeys() {
    return Arrays.stream(values()).map(Measure::tableKey).toList();
  }

  /** The measure of an id; a config error naming {@code keyPath} and the valid ids otherwise. */
  public static Measure of(String id, String keyPath) {
    for (Measure m : values()) {
      if (m.id().equals(id)) {
        return m;
      }
    }
    throw new ConfigException(keyPath, keyPath + "=" + id + " is not a distance measure. Measures: "
        + String.join(", ", Arrays.stream(values()).map(Measure::id).toList())
        + " (select one with distance=<measure>).");
  }
}
