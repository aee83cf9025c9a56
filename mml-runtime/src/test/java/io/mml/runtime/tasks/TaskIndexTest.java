package io.mml.runtime.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskIndexTest {
  @TempDir Path data;

  private Path install(Path datasetDir, String name, int folds) {
    Path f = TaskFiles.descriptionFile(datasetDir, name);
    TaskDescriptions.write(f, Samples.description(name, folds, 6));
    return f;
  }

  @Test
  void scansRawAndPreprocessedHeaders() {
    Path raw = install(TaskFiles.rawDatasetDir(data, "ds"), "alpha", 2);
    install(TaskFiles.rawDatasetDir(data, "ds"), "alpha+identity", 3);
    install(TaskFiles.rawDatasetDir(data, "other"), "beta", 2);
    Path pp = install(TaskFiles.preprocessedDatasetDir(data, "size224", "ds"), "alpha", 2);
    install(TaskFiles.preprocessedDatasetDir(data, "size224", "ds"), "gamma", 2);
    TaskIndex index = TaskIndex.scan(data);
    assertEquals(Set.of("alpha", "alpha+identity", "beta", "gamma"), index.names());
    assertEquals(raw.toAbsolutePath(), index.descriptionPath("alpha"));
    assertEquals(pp.toAbsolutePath(), index.descriptionPath("alpha", "size224"));
    assertEquals(raw.toAbsolutePath(), index.descriptionPath("alpha", "missing_pp"), "falls back to raw");
    assertEquals(3, index.header("alpha+identity").numFolds());
    assertEquals(Set.of("none", "size224"), index.preprocessings("alpha"));
    assertTrue(index.contains("beta"));
    assertFalse(index.contains("gamma"), "only preprocessed");
    String ppOnly = assertThrows(TaskException.class, () -> index.header("gamma")).getMessage();
    assertTrue(ppOnly.contains("has no raw description") && ppOnly.contains("size224"), ppOnly);
  }

  @Test
  void scanOfEmptyOrMissingRootCreatesNothing() {
    Path missing = data.resolve("nothing");
    assertTrue(TaskIndex.scan(missing).names().isEmpty());
    assertFalse(Files.exists(missing));
  }

  @Test
  void unknownTaskGivesOneClearMessage() {
    install(TaskFiles.rawDatasetDir(data, "ds"), "lesions", 2);
    install(TaskFiles.rawDatasetDir(data, "ds"), "polyps", 2);
    TaskIndex index = TaskIndex.scan(data);
    String msg = assertThrows(TaskException.class, () -> index.header("lesion")).getMessage();
    assertEquals("Task 'lesion' is not installed under " + data.toAbsolutePath() + ". Installed: lesions, polyps."
        + " Did you mean 'lesions'? Create it with mml create ... or use tasks=demo.", msg);
    String demo = assertThrows(TaskException.class, () -> index.descriptionPath("demo_shapes")).getMessage();
    assertTrue(demo.contains("It is a demo task"), demo);
    String invalid = assertThrows(TaskException.class, () -> index.header("bad name")).getMessage();
    assertTrue(invalid.contains("Invalid task name 'bad name': base names may not contain a space"), invalid);
  }

  @Test
  void unreadableDescriptionsAreSkippedAndReported() throws Exception {
    install(TaskFiles.rawDatasetDir(data, "ds"), "good", 2);
    Path dir = TaskFiles.rawDatasetDir(data, "ds");
    Files.writeString(dir.resolve("TASK_broken.json"), "{\"name\": 3");
    Path wrongName = dir.resolve("TASK_renamed.json");
    Files.copy(dir.resolve("TASK_good.json"), wrongName);
    TaskIndex index = TaskIndex.scan(data);
    assertEquals(Set.of("good"), index.names());
    assertEquals(2, index.problems().size());
    assertTrue(index.problems().stream().anyMatch(p -> p.contains("TASK_renamed.json: key 'name' is 'good' but the"
        + " file name says 'renamed'")), index.problems().toString());
    assertTrue(assertThrows(TaskException.class, () -> index.header("nope")).getMessage()
        .contains("2 description file(s) could not be read"));
  }

  @Test
  void registerAddsANewDescription() {
    TaskIndex index = TaskIndex.scan(data);
    Path f = install(TaskFiles.rawDatasetDir(data, "ds"), "late", 2);
    assertFalse(index.contains("late"));
    index.register(f);
    assertTrue(index.contains("late"));
    Path pp = install(TaskFiles.preprocessedDatasetDir(data, "p1", "ds"), "late", 2);
    index.register(pp);
    assertEquals(Set.of("none", "p1"), index.preprocessings("late"));
  }

  @Test
  void taskNameRules() {
    for (String bad : List.of("a b", "a%b", "a?b", "a,b", "a=b", "a[b", "a]b", "a/b", "_TOP_LEVEL_", "")) {
      assertTrue(TaskNames.problem(bad) != null, bad);
    }
    assertNull(TaskNames.problem("lesions"));
    assertNull(TaskNames.problem("lesions+subset?0_1+identity"));
    assertTrue(TaskNames.problem("lesions+Sub.set").contains("tag 'Sub.set'"));
    assertEquals("lesions", TaskNames.base("lesions+identity"));
    assertTrue(assertThrows(TaskException.class, () -> TaskNames.check("a+b[")).getMessage()
        .startsWith("Invalid task name 'a+b['"));
    assertTrue(assertThrows(TaskException.class, () -> TaskFiles.rawDatasetDir(data, "x y")).getMessage()
        .contains("Invalid dataset name 'x y'"));
    assertEquals("x+y", TaskFiles.taskNameOf(Path.of("TASK_x+y.json")));
    assertNull(TaskFiles.taskNameOf(Path.of("temp.json")));
  }
}
