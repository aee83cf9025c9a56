package io.mml.runtime.report;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every model of the project across tasks: task, fold, architecture, the run that trained it, its
 * best validation value and its test metrics, in one sortable table.
 */
public final class ModelComparisonSection implements ProjectSection {
  @Override
  public String id() {
    return "models";
  }

  @Override
  public String title() {
    return "Models across tasks";
  }

  @Override
  public int order() {
    return 200;
  }

  @Override
  public boolean render(ProjectData p, Html out) {
    if (p.models().isEmpty()) {
      return false;
    }
    Set<String> metrics = new LinkedHashSet<>();
    p.models().forEach(m -> metrics.addAll(m.test().keySet()));
    metrics.remove("samples");
    long tasks = p.models().stream().map(ModelInfo::task).distinct().count();
    out.el("p", p.models().size() + " models of " + tasks + " tasks; test metrics on each task's test split."
        + " Click a column to sort.", "id", "models-count");
    out.open("table", "class", "sortable", "id", "models-table").open("thead").open("tr");
    for (String h : new String[] {"task", "fold", "arch", "run", "monitor", "best val"}) {
      out.el("th", h);
    }
    metrics.forEach(m -> out.el("th", "test " + m));
    out.el("th", "test samples").el("th", "model storage").close("tr").close("thead").open("tbody");
    java.util.Map<String, String> links = new java.util.HashMap<>();
    p.runs().stream().filter(r -> r.report() != null).forEach(r -> links.put(r.runId(), r.report()));
    for (ModelInfo m : p.models()) {
      out.open("tr", "data-task", m.task()).el("td", m.task()).el("td", m.fold(), "class", "num").el("td", m.arch())
          .open("td");
      String run = p.modelRuns().getOrDefault(m.path(), "");
      String link = links.get(run);
      if (link != null) {
        out.el("a", run, "href", link);
      } else {
        out.text(run);
      }
      out.close("td").el("td", m.monitor())
          .el("td", Numbers.metric(m.performance()), "class", "num");
      for (String k : metrics) {
        Double v = m.test().get(k);
        out.el("td", v == null ? "" : Numbers.metric(v), "class", "num", "data-metric", k);
      }
      Double samples = m.test().get("samples");
      out.el("td", samples == null ? "" : Long.toString(samples.longValue()), "class", "num")
          .el("td", m.path(), "class", "muted").close("tr");
    }
    out.close("tbody").close("table");
    return true;
  }
}
