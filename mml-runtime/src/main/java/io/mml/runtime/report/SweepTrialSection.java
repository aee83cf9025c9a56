package io.mml.runtime.report;

import io.mml.runtime.files.RunDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * In the report of a sweep's trial (a run folder {@code <proj>/sweeps/<sweep>/<n>/}): one line naming the sweep and
 * the trial, with the trial's assignment and value from the sweep's {@code trials.csv} when it is written. Left out
 * for every other run.
 */
public final class SweepTrialSection implements RunSection {
  @Override
  public String id() {
    return "sweep";
  }

  @Override
  public String title() {
    return "Sweep trial";
  }

  @Override
  public int order() {
    return 150;
  }

  @Override
  public boolean render(RunData run, Html out) throws IOException {
    Path dir = run.dir().toAbsolutePath().normalize();
    Path sweeps = run.files().projectDir().toAbsolutePath().normalize().resolve(RunDirs.SWEEPS);
    if (!dir.startsWith(sweeps) || sweeps.relativize(dir).getNameCount() != 2) {
      return false;
    }
    Path sweepDir = dir.getParent();
    String sweep = sweepDir.getFileName().toString();
    String trial = dir.getFileName().toString();
    StringBuilder line = new StringBuilder("Trial ").append(trial).append(" of sweep ").append(sweep);
    Path csv = sweepDir.resolve(SweepsSection.TRIALS);
    if (Files.isRegularFile(csv)) {
      CsvTable t = CsvTable.read(csv);
      int c = t.column("trial");
      for (List<String> row : t.rows()) {
        if (c >= 0 && row.get(c).equals(trial)) {
          StringBuilder a = new StringBuilder();
          for (int i = 0; i < t.header().size(); i++) {
            String h = t.header().get(i);
            if (i != c && !h.equals("value") && !h.equals("status")) {
              a.append(a.length() == 0 ? "" : " ").append(h).append('=').append(row.get(i));
            }
          }
          int v = t.column("value");
          line.append(a.length() == 0 ? "" : ": " + a);
          if (v >= 0 && !row.get(v).isEmpty()) {
            Double d = Figures.number(row.get(v));
            line.append(", value ").append(d == null ? row.get(v) : Numbers.metric(d));
          }
          break;
        }
      }
    }
    line.append(" (").append(RunDirs.SWEEPS).append('/').append(sweep).append(").");
    out.el("p", line, "id", "sweep-trial", "data-sweep", sweep, "data-trial", trial);
    Path index = run.files().projectDir().resolve(ProjectReport.FILE);
    if (Files.isRegularFile(index)) {
      out.open("p").el("a", "All trials in the project report", "href",
          dir.relativize(index.toAbsolutePath().normalize()).toString().replace('\\', '/') + "#sweeps").close("p");
    }
    return true;
  }
}
