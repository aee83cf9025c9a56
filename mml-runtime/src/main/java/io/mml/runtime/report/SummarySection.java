package io.mml.runtime.report;

import java.util.Map;

/** The run at a glance: id, mode, state, step counts, time, invocations, command-line overrides, return value. */
public final class SummarySection implements RunSection {
  @Override
  public String id() {
    return "summary";
  }

  @Override
  public String title() {
    return "Summary";
  }

  @Override
  public int order() {
    return 100;
  }

  @Override
  public boolean render(RunData run, Html out) {
    StepTimeline t = run.timeline();
    out.open("dl", "class", "facts");
    fact(out, "run", run.runId());
    fact(out, "project", run.project());
    fact(out, "mode", run.mode());
    out.el("dt", "state").open("dd").el("span", t.overall(), "class", "state st-" + stateOf(t.overall()),
        "id", "run-state").close("dd");
    StringBuilder counts = new StringBuilder();
    for (Map.Entry<StepState, Integer> c : t.counts().entrySet()) {
      if (c.getValue() > 0) {
        counts.append(counts.length() == 0 ? "" : ", ").append(c.getValue()).append(' ').append(c.getKey().label());
      }
    }
    fact(out, "steps", t.steps().size() + " (" + counts + ")");
    fact(out, "tasks", run.tasks().size());
    if (t.firstStart() != null) {
      fact(out, "started", Numbers.time(t.firstStart()));
      fact(out, "wall time", Numbers.seconds(Numbers.between(t.firstStart(), t.lastEnd())));
    }
    fact(out, "overrides", run.overrides().isEmpty() ? "(none)" : String.join(" ", run.overrides()));
    run.returnValue().ifPresent(v -> fact(out, "return value", v));
    fact(out, "folder", run.dir());
    out.close("dl");
    if (t.invocations().size() > 1) {
      out.el("h3", "Invocations (the run was continued)");
      out.open("table").open("thead").raw("<tr><th>#</th><th>started</th><th>ran</th><th>skipped (finished before)</th>"
          + "<th>failed</th></tr>").close("thead").open("tbody");
      for (Invocation i : t.invocations()) {
        out.open("tr").el("td", i.number(), "class", "num").el("td", Numbers.time(i.start())).el("td", i.ran(), "class", "num")
            .el("td", i.skipped(), "class", "num").el("td", i.failed(), "class", "num").close("tr");
      }
      out.close("tbody").close("table");
    }
    return true;
  }

  private static String stateOf(String overall) {
    return switch (overall) {
      case "finished" -> "done";
      case "failed" -> "failed";
      default -> "unfinished";
    };
  }

  private static void fact(Html out, String name, Object value) {
    out.el("dt", name).el("dd", value);
  }
}
