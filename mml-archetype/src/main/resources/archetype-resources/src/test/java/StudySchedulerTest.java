package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study mode end to end on the built-in demo tasks (generated on first use). */
class StudySchedulerTest {
  @Test
  void measuresEveryDemoTaskAndWritesOneTable(@TempDir Path tmp) throws Exception {
    int exit = Cli.run(new String[] {"study", "tasks=demo", "sampling.sample_num=40",
        "data_dir=" + tmp.resolve("data"), "out_dir=" + tmp.resolve("results")});
    assertEquals(0, exit);
    Path study = tmp.resolve("results/default/STUDY");
    try (Stream<Path> files = Files.list(study)) {
      List<Path> tables = files.filter(p -> p.toString().endsWith(".csv")).toList();
      assertEquals(1, tables.size());
      List<String> lines = Files.readAllLines(tables.get(0));
      assertEquals("task,images,mean,bright_fraction", lines.get(0));
      assertEquals(4, lines.size(), String.join("\n", lines));
      for (String line : lines.subList(1, lines.size())) {
        assertEquals("40", line.split(",")[1], "sampling.sample_num shapes the data module: " + line);
        double mean = Double.parseDouble(line.split(",")[2]);
        assertTrue(mean > 0 && mean < 1, line);
      }
    }
  }
}
