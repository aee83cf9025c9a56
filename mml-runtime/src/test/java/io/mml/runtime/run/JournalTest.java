package io.mml.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.run.Journal.Entry;
import io.mml.runtime.run.Journal.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir
  Path dir;

  private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

  private void append(Entry... entries) throws Exception {
    try (Journal j = Journal.open(dir)) {
      for (Entry e : entries) {
        j.append(e);
      }
    }
  }

  @Test
  void missingJournalReadsEmpty() {
    assertEquals(List.of(), Journal.read(dir));
  }

  @Test
  void appendAndReadBack() throws Exception {
    append(new Entry("prepare", Status.STARTED, T, 0, null),
        new Entry("prepare", Status.DONE, T.plusSeconds(1), 1.2345, null),
        new Entry("a[task=x]", Status.FAILED, T.plusSeconds(2), 0.5, "boom \"quoted\"\nsecond line"));
    List<Entry> read = Journal.read(dir);
    assertEquals(3, read.size());
    assertEquals(new Entry("prepare", Status.STARTED, T, 0, null), read.get(0));
    assertEquals(Status.DONE, read.get(1).status());
    assertEquals(1.235, read.get(1).seconds(), 1e-9);
    assertEquals("boom \"quoted\"\nsecond line", read.get(2).error());
    assertNull(read.get(1).error());
    // one line per entry
    assertEquals(3, Files.readAllLines(dir.resolve(Journal.FILE)).size());
  }

  @Test
  void reopenAppends() throws Exception {
    append(new Entry("prepare", Status.DONE, T, 1, null));
    append(new Entry("b", Status.DONE, T, 1, null));
    assertEquals(List.of("prepare", "b"), Journal.read(dir).stream().map(Entry::step).toList());
  }

  @Test
  void latestByStepKeepsTheLastStatus() throws Exception {
    append(new Entry("a", Status.STARTED, T, 0, null), new Entry("a", Status.FAILED, T, 1, "x"),
        new Entry("b", Status.STARTED, T, 0, null), new Entry("a", Status.STARTED, T, 0, null),
        new Entry("a", Status.DONE, T, 1, null));
    Map<String, Entry> latest = Journal.latestByStep(Journal.read(dir));
    assertEquals(List.of("a", "b"), List.copyOf(latest.keySet()));
    assertEquals(Status.DONE, latest.get("a").status());
    assertEquals(Status.STARTED, latest.get("b").status());
  }

  @Test
  void tornLastLineIsIgnoredAndCutOffByTheNextOpen() throws Exception {
    append(new Entry("prepare", Status.DONE, T, 1, null));
    // a crash while writing the next line: half a JSON object, no newline
    Files.writeString(dir.resolve(Journal.FILE), "{\"step\":\"a[task=x]\",\"sta", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    List<Entry> read = Journal.read(dir);
    assertEquals(List.of("prepare"), read.stream().map(Entry::step).toList());

    append(new Entry("a[task=x]", Status.DONE, T, 2, null));
    List<String> lines = Files.readAllLines(dir.resolve(Journal.FILE));
    assertEquals(2, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(1).startsWith("{\"step\":\"a[task=x]\",\"status\":\"done\""), lines.get(1));
    assertEquals(List.of("prepare", "a[task=x]"), Journal.read(dir).stream().map(Entry::step).toList());
  }

  @Test
  void tornOnlyLineIsCutOffEntirely() throws Exception {
    Files.writeString(dir.resolve(Journal.FILE), "{\"step\":\"prep", StandardCharsets.UTF_8);
    assertEquals(List.of(), Journal.read(dir));
    append(new Entry("prepare", Status.DONE, T, 1, null));
    assertEquals(1, Files.readAllLines(dir.resolve(Journal.FILE)).size());
    assertEquals(List.of("prepare"), Journal.read(dir).stream().map(Entry::step).toList());
  }

  @Test
  void corruptMiddleLineIsAnErrorNamingFileAndLine() throws Exception {
    append(new Entry("prepare", Status.DONE, T, 1, null));
    Files.writeString(dir.resolve(Journal.FILE), "garbage{\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    append(new Entry("b", Status.DONE, T, 1, null));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Journal.read(dir));
    assertTrue(e.getMessage().contains(dir.resolve(Journal.FILE).toString()), e.getMessage());
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }
}
