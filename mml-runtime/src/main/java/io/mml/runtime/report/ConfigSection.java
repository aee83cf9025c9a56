package io.mml.runtime.report;

import java.util.Map;

/** The composed configuration: the config group options, then the whole saved {@code config.yaml} (collapsed). */
public final class ConfigSection implements RunSection {
  @Override
  public String id() {
    return "config";
  }

  @Override
  public String title() {
    return "Configuration";
  }

  @Override
  public int order() {
    return 300;
  }

  @Override
  public boolean render(RunData run, Html out) {
    if (run.configYaml().isEmpty() && run.choices().isEmpty()) {
      return false;
    }
    if (!run.choices().isEmpty()) {
      out.open("table", "class", "sortable", "id", "config-choices").open("thead")
          .raw("<tr><th>config group</th><th>option</th></tr>").close("thead").open("tbody");
      for (Map.Entry<String, String> c : run.choices().entrySet()) {
        out.open("tr").el("td", c.getKey()).el("td", c.getValue()).close("tr");
      }
      out.close("tbody").close("table");
    }
    long lines = run.configYaml().lines().count();
    out.open("details").el("summary", "config.yaml (" + lines + " lines, as composed for this run)")
        .el("pre", run.configYaml(), "id", "config-yaml").close("details");
    return true;
  }
}
