package io.mml.runtime.report;

import java.time.Duration;
import java.util.Locale;

/** How the report writes numbers: fixed digits, {@link Locale#ROOT}, "" for a missing value. */
final class Numbers {
  private Numbers() {}

  /** A metric or loss with 4 decimals ("" for NaN). */
  static String metric(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  /** A duration in seconds, e.g. {@code 4.24 s}, {@code 12.5 min}. */
  static String seconds(double s) {
    if (Double.isNaN(s)) {
      return "";
    }
    return s < 600 ? String.format(Locale.ROOT, s < 10 ? "%.2f s" : "%.1f s", s)
        : String.format(Locale.ROOT, "%.1f min", s / 60);
  }

  /** An instant to the second, in UTC: {@code 2026-12-07 16:27:48 UTC} ("" for null). */
  static String time(java.time.Instant t) {
    return t == null ? "" : TIME.format(t) + " UTC";
  }

  private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
      .ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

  /** A duration between two instants in seconds. */
  static double between(java.time.Instant a, java.time.Instant b) {
    return a == null || b == null ? Double.NaN : Duration.between(a, b).toMillis() / 1000.0;
  }
}
