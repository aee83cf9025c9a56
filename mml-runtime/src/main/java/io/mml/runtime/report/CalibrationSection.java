package io.mml.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.files.FileManager;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the {@code post} mode wrote: per task the calibration report ({@code CALIBRATION/<task>/report_NNNN.csv}: NLL,
 * ECE, Brier and accuracy before and after per model and split), the reliability diagrams (PNG, inline) and the
 * ensemble ({@code ENSEMBLES/<task>/ensemble_NNNN.json}: members, weights, held-out metrics). Found through the run's
 * created paths (keys {@code calibration_report}, {@code reliability}, {@code ensemble}); files that are gone are
 * skipped, and the section is left out when none is there.
 */
public final class CalibrationSection implements RunSection {
  static final String REPORT = "calibration_report";
  static final String RELIABILITY = "reliability";
  static final String ENSEMBLE = "ensemble";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String id() {
    return "post";
  }

  @Override
  public String title() {
    return "Calibration and ensembles";
  }

  @Override
  public int order() {
    return 550;
  }

  @Override
  public boolean render(RunData run, Html out) throws IOException {
    Map<String, List<FileManager.CreatedPath>> byTask = new LinkedHashMap<>();
    for (FileManager.CreatedPath c : run.created()) {
      if ((REPORT.equals(c.key()) || RELIABILITY.equals(c.key()) || ENSEMBLE.equals(c.key()))
          && Files.isRegularFile(c.path())) {
        byTask.computeIfAbsent(c.task() == null ? "" : c.task(), k -> new ArrayList<>()).add(c);
      }
    }
    if (byTask.isEmpty()) {
      return false;
    }
    int n = 0;
    for (Map.Entry<String, List<FileManager.CreatedPath>> t : byTask.entrySet()) {
      n++;
      Blocks.open(out, t.getKey().isEmpty() ? "(no task)" : t.getKey(), byTask.size(), t.getKey());
      int k = 0;
      for (FileManager.CreatedPath c : t.getValue()) {
        if (REPORT.equals(c.key())) {
          out.el("h3", "Calibration (before \u2192 after)");
          Figures.table(out, CsvTable.read(c.path()), "calibration-" + n + "-" + (++k));
          out.el("p", run.files().relativize(c.path()), "class", "muted");
        }
      }
      List<FileManager.CreatedPath> pngs = t.getValue().stream().filter(c -> RELIABILITY.equals(c.key())).toList();
      if (!pngs.isEmpty()) {
        out.el("h3", "Reliability diagrams").open("div", "class", "charts");
        for (FileManager.CreatedPath c : pngs) {
          Figures.png(out, c.path(), c.path().getFileName().toString());
        }
        out.close("div");
      }
      for (FileManager.CreatedPath c : t.getValue()) {
        if (ENSEMBLE.equals(c.key())) {
          ensemble(out, JSON.readTree(c.path().toFile()), "ensemble-" + n + "-" + (++k));
          out.el("p", run.files().relativize(c.path()), "class", "muted");
        }
      }
      out.close("details");
    }
    return true;
  }

  /** The ensemble's members with weight, count and held-out metrics, the ensemble's own metrics first. */
  static void ensemble(Html out, JsonNode e, String id) {
    JsonNode metrics = e.path("metrics");
    JsonNode memberMetrics = metrics.path("members");
    Set<String> names = new LinkedHashSet<>();
    metrics.path("ensemble").fieldNames().forEachRemaining(names::add);
    for (JsonNode m : e.path("members")) {
      memberMetrics.path(m.path("storage").asText()).fieldNames().forEachRemaining(names::add);
    }
    int size = e.path("members").size();
    out.el("h3", "Ensemble of " + size + " of " + e.path("library").size() + " models"
        + (e.path("calibrated").asBoolean(false) ? " (calibrated)" : ""));
    out.open("table", "class", "sortable", "id", id).open("thead").open("tr").el("th", "model").el("th", "weight")
        .el("th", "count");
    names.forEach(k -> out.el("th", k));
    out.close("tr").close("thead").open("tbody");
    out.open("tr", "class", "ensemble").el("td", "ensemble").el("td", "").el("td", "");
    for (String k : names) {
      metric(out, metrics.path("ensemble").path(k), k);
    }
    out.close("tr");
    for (JsonNode m : e.path("members")) {
      String storage = m.path("storage").asText();
      out.open("tr").el("td", storage);
      metric(out, m.path("weight"), "weight");
      out.el("td", m.path("count").asText(""), "class", "num");
      for (String k : names) {
        metric(out, memberMetrics.path(storage).path(k), k);
      }
      out.close("tr");
    }
    out.close("tbody").close("table");
    String best = metrics.path("best_single_model").asText("");
    if (!best.isEmpty()) {
      out.el("p", "best single model: " + best, "class", "muted");
    }
  }

  private static void metric(Html out, JsonNode v, String name) {
    if (v.isNumber()) {
      out.el("td", Numbers.metric(v.asDouble()), "class", "num", "data-v", v.asText(), "data-metric", name);
    } else {
      out.el("td", v.isMissingNode() || v.isNull() ? "" : v.asText(), "class", "num");
    }
  }
}
