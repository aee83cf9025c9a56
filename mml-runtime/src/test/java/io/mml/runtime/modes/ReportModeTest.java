package io.mml.runtime.modes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.cli.Cli;
import io.mml.runtime.files.RunDirs;
import io.mml.runtime.run.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html at the end of every run (unless report=false), the report mode, and a failing hook. */
class ReportModeTest {
  @TempDir
  Path tmp;

  private Path project(String name) {
    return tmp.resolve("results").resolve(name);
  }

  private Path latestRun(String proj) {
    return RunDirs.latest(project(proj)).orElseThrow();
  }

  @Test
  void everyRunWritesItsReportUnlessReportIsFalseAndTheReportModeCatchesUp() throws Exception {
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "info", "tasks=demo", "mode.subroutines=[tasks]")));
    Path first = latestRun("default");
    String html = Files.readString(first.resolve("report.html"));
    assertTrue(html.contains("<section id=\"steps\">"));
    assertTrue(html.contains("tasks[task=demo_shapes]"), "the plan is in the report");
    assertTrue(html.contains("id=\"run-state\">finished</span>"), "written after finish was journaled");

    assertEquals(0, Cli.run(ModeRuns.args(tmp, "info", "tasks=demo", "mode.subroutines=[tasks]", "report=false")));
    Path second = latestRun("default");
    assertFalse(Files.exists(second.resolve("report.html")), "report=false: no report");

    assertEquals(0, Cli.run(ModeRuns.args(tmp, "report")));
    assertTrue(Files.exists(second.resolve("report.html")), "mode.runs=missing writes the missing one");
    String index = Files.readString(project("default").resolve("report.html"));
    for (Path run : List.of(first, second)) {
      String id = RunDirs.runId(project("default"), run);
      assertTrue(index.contains("<tr data-run=\"" + id + "\"><td><a href=\"runs/" + id + "/report.html\">"), index);
    }
    assertTrue(index.contains("2 runs"), "the report mode's own run is not listed");
  }

  @Test
  void theReportModeShowsSweepsAndDistanceTablesOfTheProject() throws Exception {
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "info", "tasks=demo", "mode.subroutines=[tasks]")));
    Path sweep = Files.createDirectories(project("default").resolve("sweeps/lr<i>"));
    Files.writeString(sweep.resolve("sweep.json"), "{\"mode\":\"info\",\"trials\":1}");
    Files.writeString(sweep.resolve("trials.csv"), "trial,lr,value\n0,0.5,0.25\n");
    Path fid = Files.createDirectories(project("default").resolve("DISTANCES/fid"));
    Files.writeString(fid.resolve("fid_0000.csv"), "source,demo_shapes,<b>\ndemo_shapes,0,3.5\n");

    assertEquals(0, Cli.run(ModeRuns.args(tmp, "report")));
    String index = Files.readString(project("default").resolve("report.html"));
    assertTrue(index.contains("<summary>lr&lt;i&gt;: mode info, 1 trials</summary>"), index);
    assertTrue(index.contains("<td class=\"num\" data-v=\"0.25\" data-metric=\"value\">0.2500</td>"), index);
    assertTrue(index.contains("<section id=\"distances\">"), index);
    assertTrue(index.contains("<th>&lt;b&gt;</th>") && index.contains(">3.5000</td>"), index);
    assertFalse(index.contains("<b>") || index.contains("<i>"));
  }

  @Test
  void aReportValueThatIsNotABooleanFailsBeforeAnythingIsWritten() {
    assertEquals(2, Cli.run(ModeRuns.args(tmp, "info", "tasks=demo", "report=maybe")));
    assertTrue(RunDirs.list(project("default")).isEmpty());
  }

  @Test
  void anUnknownChoiceOfRunsIsAConfigError() {
    assertEquals(2, Cli.run(ModeRuns.args(tmp, "report", "mode.runs=newest")));
    assertEquals(2, Cli.run(ModeRuns.args(tmp, "report", "mode.runs=2026-01-01/10-00-00-000")), "no such run");
  }

  @Test
  void aFailingRunEndHookNeitherFailsNorLosesTheRun() throws Exception {
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "info", "tasks=demo", "mode.subroutines=[tasks]",
        "proj=" + FailingRunEndHook.PROJECT)));
    Path run = latestRun(FailingRunEndHook.PROJECT);
    List<Journal.Entry> journal = Journal.read(run);
    Journal.Entry last = journal.get(journal.size() - 1);
    assertEquals("finish", last.step());
    assertEquals(Journal.Status.DONE, last.status());
    assertTrue(Files.exists(run.resolve("report.html")), "the other hooks still ran");
  }
}
