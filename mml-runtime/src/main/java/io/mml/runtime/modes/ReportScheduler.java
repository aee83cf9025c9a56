package io.mml.runtime.modes;

import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.Subroutine;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.files.RunDirs;
import io.mml.runtime.report.ProjectReport;
import io.mml.runtime.report.RunReport;
import io.mml.runtime.run.RunFolder;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in {@code report} mode: (re)writes the HTML reports of a project's runs, then the
 * project's own report ({@code <proj>/report.html}: its runs, and its models compared across tasks).
 */
@Mode(id = "report", description = "Writes the HTML report of runs (report.html in each run folder) and of the"
    + " project (<proj>/report.html: runs, models across tasks). Choose the project with proj=<name>.")
public class ReportScheduler extends AbstractBaseScheduler {
  @Param(defaultValue = "missing", doc = "Which run reports to write: missing (runs without report.html), all, latest,"
      + " none, or one run id (YYYY-MM-DD/HH-MM-SS-mmm).")
  String runs;

  @Override
  protected void checkConfig(Config config) {
    if (!List.of("missing", "all", "latest", "none").contains(runs) && !RunDirs.isRunId(runs)) {
      throw new ConfigException("mode.runs", "mode.runs must be missing, all, latest, none or a run id"
          + " (YYYY-MM-DD/HH-MM-SS-mmm); found '" + runs + "'.");
    }
  }

  @Subroutine("runs")
  void runReports() throws IOException {
    List<Path> chosen = chosenRuns();
    int written = 0;
    for (Path dir : chosen) {
      Path file = RunReport.write(context().files().forRun(dir));
      written++;
      log.debug("Report of run {}: {}", dir, file);
    }
    log.info("Wrote {} run report(s) of project {} (mode.runs={}).", written, files().project(), runs);
  }

  @Subroutine("project")
  void projectReport() throws IOException {
    Path file = ProjectReport.write(context().files());
    log.info("Project report of {}: {}", files().project(), file);
  }

  /** The run folders {@code mode.runs} names, without this run itself. */
  private List<Path> chosenRuns() {
    Path project = files().projectDir();
    List<Path> out = new ArrayList<>();
    if (runs.equals("none")) {
      return out;
    }
    if (RunDirs.isRunId(runs)) {
      try {
        out.add(RunDirs.resolve(project, runs));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("mode.runs", e.getMessage() + " (mode.runs)", e);
      }
      return out;
    }
    for (String id : RunDirs.list(project)) {
      Path dir = project.resolve(RunDirs.RUNS).resolve(id).toAbsolutePath().normalize();
      if (dir.equals(runDir().toAbsolutePath().normalize()) || !Files.exists(new RunFolder(dir).plan())) {
        continue;
      }
      if (runs.equals("all") || runs.equals("latest") || !Files.exists(new RunFolder(dir).report())) {
        out.add(dir);
      }
    }
    if (runs.equals("latest") && !out.isEmpty()) {
      return List.of(out.get(out.size() - 1));
    }
    return out;
  }
}
