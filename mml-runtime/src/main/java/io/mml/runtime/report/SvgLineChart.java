package io.mml.runtime.report;

import java.util.List;
import java.util.Locale;

/**
 * A hand-written inline SVG line chart (no library): one polyline per series over a shared x axis,
 * axis ticks, a legend, and a marker at a chosen x (the best epoch).
 */
final class SvgLineChart {
  private static final String[] COLOURS = {"#0969da", "#cf222e", "#1a7f37", "#8250df", "#bf8700", "#1b7c83",
      "#a40e26", "#6e7781"};
  private static final int W = 440;
  private static final int H = 240;
  private static final int LEFT = 48;
  private static final int RIGHT = 12;
  private static final int TOP = 14;
  private static final int BOTTOM = 56;

  /**
   * One line.
   *
   * @param name its legend
   * @param ys its values (NaN: no point)
   */
  record Series(String name, double[] ys) {}

  private SvgLineChart() {}

  /** Draws {@code series} over x = 1..n (epochs, 1-based); {@code markX} (1-based, or -1) gets a dashed line. */
  static void draw(Html out, String title, List<Series> series, int markX) {
    int n = series.stream().mapToInt(s -> s.ys().length).max().orElse(0);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double y : s.ys()) {
        if (!Double.isNaN(y) && !Double.isInfinite(y)) {
          min = Math.min(min, y);
          max = Math.max(max, y);
        }
      }
    }
    if (min > max) {
      return;
    }
    if (max - min < 1e-9) {
      max = min + 1;
    }
    double pad = (max - min) * 0.05;
    final double lo = min - pad;
    final double hi = max + pad;
    int pw = W - LEFT - RIGHT;
    int ph = H - TOP - BOTTOM;
    out.open("svg", "viewBox", "0 0 " + W + " " + H, "width", W, "height", H, "role", "img", "class", "chart",
        "aria-label", title);
    out.el("title", title);
    for (int i = 0; i <= 4; i++) {
      double v = lo + (hi - lo) * i / 4;
      double y = TOP + ph - ph * (v - lo) / (hi - lo);
      out.empty("line", "class", "grid", "x1", LEFT, "x2", W - RIGHT, "y1", f(y), "y2", f(y));
      out.el("text", String.format(Locale.ROOT, "%.3g", v), "x", LEFT - 4, "y", f(y + 4), "text-anchor", "end");
    }
    out.empty("line", "class", "axis", "x1", LEFT, "x2", W - RIGHT, "y1", TOP + ph, "y2", TOP + ph);
    int step = Math.max(1, (int) Math.ceil(n / 10.0));
    for (int x = 1; x <= n; x += step) {
      out.el("text", x, "x", f(px(x, n, pw)), "y", TOP + ph + 14, "text-anchor", "middle");
    }
    out.el("text", "epoch", "x", LEFT + pw / 2, "y", TOP + ph + 27, "text-anchor", "middle");
    if (markX >= 1 && markX <= n) {
      double x = px(markX, n, pw);
      out.empty("line", "x1", f(x), "x2", f(x), "y1", TOP, "y2", TOP + ph, "stroke", "#6e7781",
          "stroke-dasharray", "4 3");
    }
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      String colour = COLOURS[i % COLOURS.length];
      StringBuilder points = new StringBuilder();
      for (int k = 0; k < s.ys().length; k++) {
        double y = s.ys()[k];
        if (!Double.isNaN(y) && !Double.isInfinite(y)) {
          points.append(points.length() == 0 ? "" : " ").append(f(px(k + 1, n, pw))).append(',')
              .append(f(TOP + ph - ph * (y - lo) / (hi - lo)));
        }
      }
      out.empty("polyline", "points", points, "fill", "none", "stroke", colour, "stroke-width", 2,
          "data-series", s.name());
      int lx = LEFT + (i % 4) * (pw / 4);
      int ly = H - 16 + (i / 4 % 2) * 13; // four legend entries per row, two rows
      out.empty("rect", "x", lx, "y", ly - 4, "width", 10, "height", 3, "fill", colour);
      out.el("text", s.name(), "x", lx + 14, "y", ly);
    }
    out.close("svg");
  }

  private static double px(int x, int n, int pw) {
    return n <= 1 ? LEFT + pw / 2.0 : LEFT + pw * (x - 1) / (double) (n - 1);
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
