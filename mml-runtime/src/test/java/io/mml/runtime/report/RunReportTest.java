package io.mml.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.files.FileManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report writer on synthetic run folders: escaping, size, pluggable sections. */
class RunReportTest {
  @TempDir
  Path tmp;

  @Test
  void aHostileTaskNameAndConfigValueReachThePageOnlyAsEscapedText() throws IOException {
    FileManager files = SyntheticRun.write(tmp, "p", List.of(SyntheticRun.HOSTILE, "plain"), 1, true);
    String html = Files.readString(RunReport.write(files));

    assertFalse(html.contains("<script>alert"), "a task name must never become a script element");
    assertFalse(html.contains("<img src=x"), "a config value must never become an element");
    assertEquals(2, count(html, "<script"), "only the report's own two scripts");
    assertTrue(html.contains(SyntheticRun.HOSTILE_ESCAPED), "the name shows as text");
    // In the JSON for the page's script, the name is escaped too (JSON's \" then HTML's &quot;).
    assertTrue(html.contains("train[task=&lt;script&gt;alert(1)&lt;/script&gt;&amp;\\&quot;&#39;,fold=0]"), html);
    assertTrue(html.contains("note: &#39;&lt;img src=x onerror=alert(2)&gt;&#39;"), "config.yaml as text");
    assertTrue(html.contains("<section id=\"failures\">"), "the failed step's trace is shown");
    assertTrue(html.contains("java.io.IOException: broken " + SyntheticRun.HOSTILE_ESCAPED));
    // Test metrics (from the TEST csv, the hostile name quoted there) and the failed run's state.
    assertTrue(html.contains("<tr data-task=\"" + SyntheticRun.HOSTILE_ESCAPED + "\"><td>"
        + SyntheticRun.HOSTILE_ESCAPED + "</td>"), html);
    assertTrue(html.contains("id=\"run-state\">failed</span>"));
  }

  @Test
  void aPlanOfTenThousandStepsOverAHundredTasksIsACompactPageWithCollapsedTasks() throws IOException {
    List<String> tasks = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      tasks.add("task_" + i);
    }
    FileManager files = SyntheticRun.write(tmp, "big", tasks, 100, false);
    Path file = RunReport.write(files);
    String html = Files.readString(file);

    assertTrue(html.contains("&quot;steps&quot;:[[0,&quot;prepare&quot;"), "the steps go to the script as data");
    assertEquals(0, count(html, "<tr data-step"), "no step rows in the markup: the script renders one page");
    assertEquals(10_002, count(html, ",&quot;done&quot;,"), "every step is in the data");
    assertEquals(100, count(html, "<details data-task="), "one closed block per task's curves");
    assertTrue(Files.size(file) < 4_000_000, "size " + Files.size(file));
  }

  @Test
  void aSectionThatThrowsBecomesANoteAndTheOthersStay() throws IOException {
    FileManager files = SyntheticRun.write(tmp, "p", List.of("a"), 1, false);
    RunSection broken = new RunSection() {
      @Override
      public String id() {
        return "broken";
      }

      @Override
      public String title() {
        return "Broken";
      }

      @Override
      public boolean render(RunData run, Html out) throws IOException {
        throw new IOException("cannot read x.csv");
      }
    };
    String html = Files.readString(RunReport.write(files, List.of(new SummarySection(), broken)));
    assertTrue(html.contains("This section could not be rendered: java.io.IOException: cannot read x.csv"));
    assertTrue(html.contains("<section id=\"summary\">"));
  }

  @Test
  void builtInSectionsAreFoundInPageOrderAndIdsMustBeUnique() {
    assertEquals(List.of("summary", "sweep", "steps", "config", "curves", "test", "post", "confusion", "samples",
        "failures"),
        Sections.load(RunSection.class).stream().map(Section::id).toList());
    assertEquals(List.of("runs", "models", "sweeps", "distances"),
        Sections.load(ProjectSection.class).stream().map(Section::id).toList());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Sections.sorted(List.of(new SummarySection(), new SummarySection()), RunSection.class));
    assertTrue(e.getMessage().contains("'summary', which is taken by another section"), e.getMessage());
  }

  @Test
  void theProjectReportIndexesRunsAndComparesModels() throws IOException {
    FileManager files = SyntheticRun.write(tmp, "p", List.of("a", SyntheticRun.HOSTILE), 1, false);
    RunReport.write(files);
    String html = Files.readString(ProjectReport.write(files.forRun(tmp.resolve("p/runs/2026-01-02/x"))));
    assertTrue(html.contains("<a href=\"runs/2026-01-02/10-00-00-000/report.html\">2026-01-02/10-00-00-000</a>"));
    assertTrue(html.contains("2 models of 2 tasks"));
    assertTrue(html.contains("<td>" + SyntheticRun.HOSTILE_ESCAPED + "</td>"));
    assertFalse(html.contains("<script>alert"));
  }

  private static int count(String s, String part) {
    Matcher m = Pattern.compile(Pattern.quote(part)).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
