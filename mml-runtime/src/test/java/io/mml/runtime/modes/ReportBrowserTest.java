package io.mml.runtime.modes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.cli.Cli;
import io.mml.runtime.files.FileManager;
import io.mml.runtime.files.RunDirs;
import io.mml.runtime.report.Chromium;
import io.mml.runtime.report.RunReport;
import io.mml.runtime.report.SyntheticRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports loaded in a real headless browser (Debian chromium): the DOM after the page's own
 * script ran, no script or console errors, a screenshot in {@code target/report-screenshots/}.
 * Skipped, saying so, where chromium is not installed ({@code .ci/run} installs it).
 */
class ReportBrowserTest {
  private static final Path SHOTS = Path.of(System.getProperty("basedir", "."), "target", "report-screenshots");

  @TempDir
  Path tmp;

  private Chromium chromium;

  @BeforeEach
  void findChromium() {
    chromium = Chromium.find(tmp.resolve("chromium-profile")).orElse(null);
    Assumptions.assumeTrue(chromium != null, "Browser test skipped: no chromium on the PATH. Install it with '"
        + Chromium.INSTALL + "' (.ci/run does) to check the HTML reports in a real browser.");
  }

  @Test
  void theReportOfADemoTrainingRendersItsSectionsAndNumbers() throws Exception {
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "train", "tasks=demo", "task_list=[demo_shapes,demo_stripes]",
        "trainer.max_epochs=2")));
    Path project = tmp.resolve("results/default");
    Path run = RunDirs.latest(project).orElseThrow();
    Path report = run.resolve("report.html");
    assertTrue(Files.exists(report), "written at the end of the run");

    Chromium.Page page = chromium.dumpDom(report);
    String dom = page.dom();
    assertClean(page);
    for (String id : List.of("summary", "steps", "config", "curves", "test", "confusion", "samples")) {
      assertTrue(dom.contains("<section id=\"" + id + "\">"), "section " + id);
    }
    // Drawn by the page's script from the step data: summary, one bar and one table row per step, the pager.
    assertTrue(dom.contains("id=\"steps-summary\">8 steps: 8 done</p>"), between(dom, "steps-summary", 80));
    assertEquals(8, count(dom, "<tr data-step="));
    assertTrue(dom.contains("data-bars=\"8\""), "8 timeline bars");
    assertTrue(dom.contains("page 1 of 1 (8 of 8 steps)"));
    assertTrue(dom.contains("<th class=\"sort\" tabindex=\"0\""), "the script made the tables sortable");
    // The test metrics of the TEST csv, and a confusion matrix that adds up to the test split.
    List<String> csv = Files.readAllLines(ModeRuns.files(project.resolve("TEST"), ".csv").stream()
        .filter(p -> p.getFileName().toString().startsWith("test_demo_shapes")).findFirst().orElseThrow(),
        StandardCharsets.UTF_8);
    double accuracy = Double.parseDouble(csv.get(1).split(",")[3]);
    String formatted = String.format(Locale.ROOT, "%.4f", accuracy);
    assertTrue(dom.contains("data-v=\"" + csv.get(1).split(",")[3] + "\" data-metric=\"accuracy\">" + formatted),
        "accuracy " + formatted + " of demo_shapes in the test table");
    String matrix = between(dom, "<table class=\"cm\" data-task=\"demo_shapes\" data-total=\"90\">", 3000);
    assertEquals(90, sum(matrix, "data-count=\"(\\d+)\""), "the confusion matrix counts the 90 test samples");
    assertTrue(dom.contains("accuracy " + formatted + " on 90 test samples"), "accuracy recomputed from predictions");
    assertTrue(count(dom, "src=\"data:image/png;base64,") >= 16, "thumbnails inline");
    assertTrue(dom.contains("<figure class=\"wrong\"") || !dom.contains("\u2717"), "wrong predictions are marked");

    Path shot = SHOTS.resolve("run-report.png");
    chromium.screenshot(report, shot, 2000);
    assertTrue(Files.size(shot) > 20_000, "a screenshot of the rendered page: " + shot);

    // The project report: its runs and its models across tasks.
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "report")));
    Chromium.Page index = chromium.dumpDom(project.resolve("report.html"));
    assertClean(index);
    String runId = RunDirs.runId(project, run);
    assertTrue(index.dom().contains("<a href=\"runs/" + runId + "/report.html\">" + runId + "</a>"));
    assertTrue(index.dom().contains("2 models of 2 tasks"));
    assertEquals(2, count(between(index.dom(), "id=\"models-table\"", 20_000), "<tr data-task="));
    chromium.screenshot(project.resolve("report.html"), SHOTS.resolve("project-report.png"), 900);
  }

  @Test
  void aTenThousandStepPlanOverAHundredTasksWithAHostileNameRendersOnePageAtATime() throws Exception {
    List<String> tasks = new ArrayList<>(List.of(SyntheticRun.HOSTILE));
    for (int i = 1; i < 100; i++) {
      tasks.add("task_" + i);
    }
    FileManager files = SyntheticRun.write(tmp.resolve("results"), "big", tasks, 100, true);
    Path report = RunReport.write(files);

    Chromium.Page page = chromium.dumpDom(report);
    String dom = page.dom();
    assertClean(page);
    assertTrue(dom.contains("page 1 of 101 (10002 of 10002 steps)"), between(dom, "steps-page", 100));
    assertEquals(100, count(dom, "<tr data-step="), "one page of rows, not 10 002");
    assertTrue(dom.contains("data-bars=\"10001\""), "every started step is a bar (finish never started)");
    assertTrue(dom.contains("id=\"steps-summary\">10002 steps: 10000 done, 1 failed, 1 not run</p>"),
        between(dom, "steps-summary", 120));
    // The hostile name is text in the script-rendered table and in the server-rendered sections, never markup.
    assertTrue(dom.contains("<td>train[task=" + SyntheticRun.HOSTILE_ESCAPED.replace("&quot;", "\"")
        .replace("&#39;", "'") + ",fold=0]</td>"), between(dom, "data-step=\"train[task=", 300));
    assertFalse(dom.contains("<script>alert"));
    assertEquals(2, count(dom, "<script"), "only the report's own scripts");
  }

  private static void assertClean(Chromium.Page page) {
    assertTrue(page.dom().contains("data-errors=\"0\""), "the page's error capture ran and saw none: "
        + between(page.dom(), "report-errors", 400));
    assertTrue(page.dom().contains("data-rendered=\"true\""), "the page's script finished");
    assertEquals(List.of(), page.consoleErrors(), "console errors");
  }

  private static String between(String s, String from, int length) {
    int i = s.indexOf(from);
    return i < 0 ? "(no " + from + ")" : s.substring(i, Math.min(s.length(), i + length));
  }

  private static int count(String s, String part) {
    Matcher m = Pattern.compile(Pattern.quote(part)).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static long sum(String s, String regex) {
    String table = s.substring(0, s.indexOf("</table>") + 1);
    Matcher m = Pattern.compile(regex).matcher(table);
    long n = 0;
    while (m.find()) {
      n += Long.parseLong(m.group(1));
    }
    return n;
  }
}
