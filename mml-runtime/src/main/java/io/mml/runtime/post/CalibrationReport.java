package io.mml.runtime.post;

import io.mml.runtime.infer.PredictionWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The calibration report of a task as CSV, one row per model and labelled split:
 * {@code model,fold,method,split,samples,nll_before,nll_after,ece_before,ece_after,brier_before,
 * brier_after,accuracy_before,accuracy_after} (6 decimals, Locale.ROOT, rows in the order added).
 */
public final class CalibrationReport {
  /** The header line. */
  public static final String HEADER = "model,fold,method,split,samples,nll_before,nll_after,ece_before,ece_after,"
      + "brier_before,brier_after,accuracy_before,accuracy_after";

  private final List<String> rows = new ArrayList<>();

  /** Adds the row of one model's split. */
  public CalibrationReport add(String model, int fold, String method, String split, CalibrationMetrics before,
      CalibrationMetrics after) {
    rows.add(String.join(",", PredictionWriter.field(model), Integer.toString(fold), method, split, Integer.toString(before.samples()),
        fmt(before.nll()), fmt(after.nll()), fmt(before.ece()), fmt(after.ece()), fmt(before.brier()),
        fmt(after.brier()), fmt(before.accuracy()), fmt(after.accuracy())));
    return this;
  }

  /** The CSV text. */
  public String csv() {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    rows.forEach(r -> sb.append(r).append('\n'));
    return sb.toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
