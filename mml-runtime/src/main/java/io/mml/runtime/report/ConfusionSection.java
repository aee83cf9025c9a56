package io.mml.runtime.report;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Per classification model: the confusion matrix of its test predictions (rows: true class, columns:
 * predicted), shaded by the share of the row, with each class's recall. Beyond {@link #MAX_CLASSES}
 * classes only the recall table is shown.
 */
public final class ConfusionSection implements RunSection {
  /** The largest matrix drawn. */
  static final int MAX_CLASSES = 30;

  @Override
  public String id() {
    return "confusion";
  }

  @Override
  public String title() {
    return "Confusion matrices (test split)";
  }

  @Override
  public int order() {
    return 600;
  }

  @Override
  public boolean render(RunData run, Html out) throws IOException {
    List<TestPredictions> all = TestPredictions.of(run);
    if (all.isEmpty()) {
      return false;
    }
    for (TestPredictions p : all) {
      long[][] m = p.confusion();
      int k = m.length;
      Blocks.open(out, p.task().name() + " fold " + p.model().fold() + ": accuracy " + Numbers.metric(p.accuracy())
          + " on " + p.rows().size() + " test samples", all.size(), p.task().name());
      out.open("div", "class", "charts");
      if (k <= MAX_CLASSES) {
        matrix(out, p, m);
      } else {
        out.el("p", k + " classes: too many for a matrix (at most " + MAX_CLASSES + "); recall per class:",
            "class", "muted");
      }
      recall(out, p, m);
      out.close("div").close("details");
    }
    return true;
  }

  private static void matrix(Html out, TestPredictions p, long[][] m) {
    out.open("table", "class", "cm", "data-task", p.task().name(), "data-total", p.rows().size()).open("thead")
        .open("tr").el("th", "true \\ predicted");
    for (int j = 0; j < m.length; j++) {
      out.el("th", p.name(j), "class", m.length > 6 ? "rot" : null);
    }
    out.close("tr").close("thead").open("tbody");
    for (int i = 0; i < m.length; i++) {
      long row = 0;
      for (long c : m[i]) {
        row += c;
      }
      out.open("tr").el("th", p.name(i));
      for (int j = 0; j < m.length; j++) {
        double share = row == 0 ? 0 : m[i][j] / (double) row;
        String colour = i == j ? "26,127,55" : "207,34,46";
        out.el("td", m[i][j], "data-count", m[i][j], "style", m[i][j] == 0 ? null
            : String.format(Locale.ROOT, "background: rgba(%s,%.2f)", colour, 0.12 + 0.6 * share));
      }
      out.close("tr");
    }
    out.close("tbody").close("table");
  }

  private static void recall(Html out, TestPredictions p, long[][] m) {
    out.open("table", "class", "sortable").open("thead")
        .raw("<tr><th>class</th><th>test samples</th><th>right</th><th>recall</th></tr>").close("thead")
        .open("tbody");
    for (int i = 0; i < m.length; i++) {
      long row = 0;
      for (long c : m[i]) {
        row += c;
      }
      double recall = row == 0 ? Double.NaN : m[i][i] / (double) row;
      out.open("tr").el("td", p.name(i)).el("td", row, "class", "num").el("td", m[i][i], "class", "num")
          .el("td", Numbers.metric(recall), "class", "num").close("tr");
    }
    out.close("tbody").close("table");
  }
}
