package io.mml.runtime.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The plan as a timeline (one lane per subroutine) and a paged, filterable step table. Both are drawn
 * by the page's script from the steps as JSON, so a plan of 10 000 steps costs a compact data block
 * and one page of table rows at a time, not 10 000 rows of markup.
 */
public final class TimelineSection implements RunSection {
  /** The columns of each step in the JSON block, as the script reads them. */
  static final List<String> FIELDS = List.of("index", "id", "subroutine", "task", "fold", "state", "start", "seconds",
      "attempts", "invocation", "job", "host", "error");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String id() {
    return "steps";
  }

  @Override
  public String title() {
    return "Plan and timeline";
  }

  @Override
  public int order() {
    return 200;
  }

  @Override
  public boolean render(RunData run, Html out) {
    out.el("p", "", "id", "steps-summary");
    out.open("div", "id", "steps-timeline").close("div");
    out.open("div", "class", "controls").open("label").text("filter ")
        .empty("input", "id", "steps-filter", "type", "search", "placeholder", "step id contains...").close("label")
        .open("label").text("state ").open("select", "id", "steps-state").el("option", "all", "value", "")
        .close("select").close("label").close("div");
    out.open("table", "id", "steps-table").open("thead", "id", "steps-head").close("thead")
        .open("tbody", "id", "steps-body").close("tbody").close("table");
    out.open("div", "class", "controls", "id", "steps-pager").close("div");
    out.el("div", json(run.timeline()), "id", "steps-data", "hidden", "hidden");
    return true;
  }

  /** The steps as JSON: {@code {fields, span, steps: [[...], ...]}}, start in seconds after the first start. */
  static String json(StepTimeline t) {
    Instant t0 = t.firstStart();
    ObjectNode root = JSON.createObjectNode();
    ArrayNode fields = root.putArray("fields");
    FIELDS.forEach(fields::add);
    double span = 0;
    ArrayNode rows = root.putArray("steps");
    for (StepRow r : t.steps()) {
      ArrayNode a = rows.addArray();
      a.add(r.index()).add(r.id()).add(r.subroutine()).add(r.task());
      a.add(r.fold());
      a.add(r.state().label());
      if (r.start() == null || t0 == null) {
        a.addNull();
      } else {
        double start = Numbers.between(t0, r.start());
        a.add(start);
        span = Math.max(span, start + r.seconds());
      }
      a.add(Math.round(r.seconds() * 1000) / 1000.0).add(r.attempts()).add(r.invocation()).add(r.jobId())
          .add(r.host()).add(r.error());
    }
    root.put("span", span);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
