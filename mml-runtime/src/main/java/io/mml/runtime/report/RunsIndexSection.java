package io.mml.runtime.report;

/** The project's runs, newest first, each linked to its own report: a sortable table. */
public final class RunsIndexSection implements ProjectSection {
  @Override
  public String id() {
    return "runs";
  }

  @Override
  public String title() {
    return "Runs";
  }

  @Override
  public int order() {
    return 100;
  }

  @Override
  public boolean render(ProjectData p, Html out) {
    if (p.runs().isEmpty()) {
      out.el("p", "The project has no runs yet.", "class", "muted");
      return true;
    }
    out.el("p", p.runs().size() + " runs", "id", "runs-count");
    out.open("table", "class", "sortable", "id", "runs-table").open("thead").raw("<tr><th>run</th><th>mode</th>"
        + "<th>state</th><th>steps</th><th>done</th><th>failed</th><th>tasks</th><th>started</th><th>wall time</th>"
        + "<th>return value</th><th>note</th></tr>").close("thead").open("tbody");
    for (int i = p.runs().size() - 1; i >= 0; i--) {
      RunEntry r = p.runs().get(i);
      out.open("tr", "data-run", r.runId()).open("td");
      if (r.report() != null) {
        out.el("a", r.runId(), "href", r.report());
      } else {
        out.text(r.runId());
      }
      int done = r.counts().getOrDefault(StepState.DONE, 0) + r.counts().getOrDefault(StepState.CONTINUED, 0);
      out.close("td").el("td", r.mode()).el("td", r.state()).el("td", r.steps(), "class", "num")
          .el("td", done, "class", "num").el("td", r.counts().getOrDefault(StepState.FAILED, 0), "class", "num")
          .el("td", r.tasks(), "class", "num").el("td", Numbers.time(r.start()))
          .el("td", Numbers.seconds(r.wallSeconds()), "class", "num", "data-v", Double.isNaN(r.wallSeconds()) ? ""
              : r.wallSeconds())
          .el("td", r.returnValue().map(Numbers::metric).orElse(""), "class", "num")
          .el("td", r.problem() != null ? r.problem() : r.report() == null ? "no report.html (mml report writes it)"
              : "", "class", "muted")
          .close("tr");
    }
    out.close("tbody").close("table");
    return true;
  }
}
