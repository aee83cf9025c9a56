package io.mml.runtime.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The test metrics the run wrote ({@code TEST/*.csv}), one sortable table over all tasks. */
public final class TestMetricsSection implements RunSection {
  static final String KEY = "test_metrics";

  @Override
  public String id() {
    return "test";
  }

  @Override
  public String title() {
    return "Test metrics";
  }

  @Override
  public int order() {
    return 500;
  }

  @Override
  public boolean render(RunData run, Html out) throws IOException {
    List<CsvTable> tables = new ArrayList<>();
    for (Path p : run.created(KEY)) {
      if (Files.isRegularFile(p)) {
        tables.add(CsvTable.read(p));
      }
    }
    if (tables.stream().allMatch(t -> t.rows().isEmpty())) {
      return false;
    }
    Set<String> columns = new LinkedHashSet<>();
    tables.forEach(t -> columns.addAll(t.header()));
    columns.remove("model");
    out.open("table", "class", "sortable", "id", "test-table").open("thead").open("tr");
    columns.forEach(c -> out.el("th", c));
    out.el("th", "model").close("tr").close("thead").open("tbody");
    for (CsvTable t : tables) {
      for (List<String> row : t.rows()) {
        out.open("tr", "data-task", cell(t, row, "task"));
        for (String c : columns) {
          String v = cell(t, row, c);
          if (c.equals("task") || c.equals("fold")) {
            out.el("td", v, "class", c.equals("fold") ? "num" : null);
          } else {
            out.el("td", number(v), "class", "num", "data-v", v, "data-metric", c);
          }
        }
        out.el("td", cell(t, row, "model"), "class", "muted").close("tr");
      }
    }
    out.close("tbody").close("table");
    return true;
  }

  private static String cell(CsvTable t, List<String> row, String column) {
    int i = t.column(column);
    return i < 0 || i >= row.size() ? "" : row.get(i);
  }

  private static String number(String v) {
    try {
      return Numbers.metric(Double.parseDouble(v));
    } catch (NumberFormatException e) {
      return v;
    }
  }
}
