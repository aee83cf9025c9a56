package io.mml.runtime.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path tmp;

  @Test
  void writesReplacesAndLeavesNoTempFiles() throws Exception {
    Path f = tmp.resolve("a/b/c.json");
    AtomicFiles.writeString(f, "one");
    assertEquals("one", Files.readString(f));
    AtomicFiles.write(f, "two".getBytes());
    assertEquals("two", Files.readString(f));
    try (Stream<Path> s = Files.list(f.getParent())) {
      assertEquals(List.of("c.json"), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void concurrentAppendersNeverInterleaveLines() throws Exception {
    Path f = tmp.resolve("log.jsonl");
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      threads.add(new Thread(() -> {
        for (int i = 0; i < 50; i++) {
          AtomicFiles.appendLine(f, "thread-" + id + "-line-" + i + "-" + "x".repeat(100));
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    List<String> lines = Files.readAllLines(f);
    assertEquals(200, lines.size());
    assertTrue(lines.stream().allMatch(l -> l.matches("thread-\\d-line-\\d+-x{100}")));
  }
}
