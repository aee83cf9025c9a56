package io.mml.runtime.report;

import java.util.Map;

/** The composed configuration: the chosen config group options, then the whole saved {@code config.yaml} (collapsed). */
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
      out.open("p", "class", "choices", "id", "config-choices").text("config groups: ");
      for (Map.Entry<String, String> c : run.choices().entrySet()) {
        out.el("code", c.getKey() + "=" + c.getValue()).text(" ");
      }
      out.close("p");
    }
    long lines = run.configYaml().lines().count();
    out.open("details").el("summary", "config.yaml (" + lines + " lines, as composed for this run)")
        .el("pre", run.configYaml(), "id", "config-yaml").close("details");
    return true;
  }
}
