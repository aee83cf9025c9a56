package io.mml.runtime.report;

import java.util.Map;

/** The stack traces of failed steps ({@code failures/<step>.txt}), first lines, collapsed. */
public final class FailuresSection implements RunSection {
  @Override
  public String id() {
    return "failures";
  }

  @Override
  public String title() {
    return "Failures";
  }

  @Override
  public int order() {
    return 800;
  }

  @Override
  public boolean render(RunData run, Html out) {
    if (run.failures().isEmpty()) {
      return false;
    }
    for (Map.Entry<String, String> f : run.failures().entrySet()) {
      Blocks.open(out, f.getKey(), run.failures().size(), null);
      out.el("pre", f.getValue()).el("p", "first " + RunReader.TRACE_LINES + " lines of "
          + run.dir().relativize(new io.mml.runtime.run.RunFolder(run.dir()).failureFile(f.getKey())), "class", "muted");
      out.close("details");
    }
    return true;
  }
}
