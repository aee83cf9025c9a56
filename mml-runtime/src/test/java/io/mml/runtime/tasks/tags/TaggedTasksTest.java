package io.mml.runtime.tasks.tags;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.config.ConfigComposer;
import io.mml.runtime.config.ConfigSources;
import io.mml.runtime.modes.InfoScheduler_Routine;
import io.mml.runtime.scheduler.Engine;
import io.mml.runtime.scheduler.ModeRegistry;
import io.mml.runtime.scheduler.RunResult;
import io.mml.runtime.tasks.DemoTasks;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.TaskFiles;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasks.TaskIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creation of tagged tasks on first use: files, index, cumulative prefixes, determinism, concurrency, engine hook. */
class TaggedTasksTest {
  @TempDir Path tmp;

  private static Path install(Path root) {
    DemoTasks.ensureInstalled(root);
    return root;
  }

  private static Path file(Path root, String name) {
    return TaskFiles.descriptionFile(DemoTasks.datasetDir(root), name);
  }

  private static List<String> listing(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void taggedVariantIsCreatedOnFirstUse() {
    Path root = install(tmp.resolve("data"));
    TaskIndex index = TaskIndex.scan(root);
    assertFalse(index.contains("demo_shapes+subset?0_5"));
    TaskHeader h = index.resolve("demo_shapes+subset?0_5");
    assertEquals("demo_shapes+subset?0_5", h.name());
    assertEquals(150, h.numSamples());
    Path f = file(root, "demo_shapes+subset?0_5");
    assertTrue(Files.isRegularFile(f), "written as TASK_<alias>.json in the dataset folder");
    assertEquals(f, index.descriptionPath("demo_shapes+subset?0_5"), "registered in the index");
    assertEquals(h, TaskIndex.scan(root).header("demo_shapes+subset?0_5"), "found by a fresh scan");
    assertEquals(150, TaskDescriptions.read(f).trainSamples().size());
    // second use: nothing is rewritten
    long modified = f.toFile().lastModified();
    assertEquals(h, TaskIndex.scan(root).resolve("demo_shapes+subset?0_5"));
    assertEquals(modified, f.toFile().lastModified());
    // an untagged installed task resolves to its header
    assertEquals("demo_shapes", index.resolve("demo_shapes").name());
  }

  @Test
  void cumulativeCreationWritesEveryIntermediatePrefix() throws Exception {
    Path root = install(tmp.resolve("data"));
    TaskIndex index = TaskIndex.scan(root);
    TaskHeader h = index.resolve("demo_stripes+subset?0_5+confuse?0_25");
    assertEquals(80, h.numSamples());
    assertTrue(Files.isRegularFile(file(root, "demo_stripes+subset?0_5")), "intermediate prefix written");
    assertTrue(index.contains("demo_stripes+subset?0_5"), "and registered");
    // the intermediate equals the prefix created on its own elsewhere
    Path other = install(tmp.resolve("other"));
    TaskIndex.scan(other).resolve("demo_stripes+subset?0_5");
    assertArrayEquals(Files.readAllBytes(file(other, "demo_stripes+subset?0_5")),
        Files.readAllBytes(file(root, "demo_stripes+subset?0_5")));
    // and building from the installed prefix gives the same result as building from scratch
    TaskIndex.scan(other).resolve("demo_stripes+subset?0_5+confuse?0_25");
    assertArrayEquals(Files.readAllBytes(file(other, "demo_stripes+subset?0_5+confuse?0_25")),
        Files.readAllBytes(file(root, "demo_stripes+subset?0_5+confuse?0_25")));
    assertTrue(TaskIndex.scan(other).header("demo_stripes+subset?0_5+confuse?0_25").creationProtocol()
        .contains("tag +confuse?0_25 applied to demo_stripes+subset?0_5"));
  }

  @Test
  void sameAliasGivesByteIdenticalJsonInTwoDataTrees() throws Exception {
    String name = "demo_tissue+redistribute_splits?0_6?0_2?0_2+shrink_equal?20+nested?1?3";
    Path a = install(tmp.resolve("a"));
    Path b = install(tmp.resolve("b"));
    TaskIndex.scan(a).resolve(name);
    TaskIndex.scan(b).resolve(name);
    for (int i = 1; i <= 3; i++) {
      String prefix = TaggedName.parse(name).prefix(i);
      assertArrayEquals(Files.readAllBytes(file(a, prefix)), Files.readAllBytes(file(b, prefix)), prefix);
    }
  }

  @Test
  void unknownBaseTaskIsTheIndexNotInstalledError() throws Exception {
    Path root = install(tmp.resolve("data"));
    List<String> before = listing(root);
    TaskException e = assertThrows(TaskException.class, () -> TaskIndex.scan(root).resolve("demo_shapez+subset?0_5"));
    assertTrue(e.getMessage().contains("'demo_shapez+subset?0_5'") && e.getMessage().contains("not installed")
        && e.getMessage().contains("demo_shapes"), e.getMessage());
    assertEquals(before, listing(root), "nothing written");
  }

  @Test
  void badTagOrUnfittingTagFailsBeforeAnythingIsWritten() throws Exception {
    Path root = install(tmp.resolve("data"));
    List<String> before = listing(root);
    TaskException bad = assertThrows(TaskException.class, () -> TaskIndex.scan(root).resolve("demo_shapes+subst?0_5"));
    assertTrue(bad.getMessage().contains("Did you mean"), bad.getMessage());
    // the first tag fits, the second does not: the first prefix is not written either
    TaskException unfit = assertThrows(TaskException.class,
        () -> TaskIndex.scan(root).resolve("demo_shapes+subset?0_5+nested?9"));
    assertTrue(unfit.getMessage().contains("'demo_shapes+subset?0_5+nested?9'")
        && unfit.getMessage().contains("out of range"), unfit.getMessage());
    assertEquals(before, listing(root), "nothing written");
  }

  @Test
  void concurrentCreationFromThreadsGivesOneIdenticalFile() throws Exception {
    Path root = install(tmp.resolve("data"));
    String name = "demo_shapes+subset?0_5+confuse?0_1";
    int n = 6;
    CyclicBarrier start = new CyclicBarrier(n);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<TaskHeader>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Callable<TaskHeader> c = () -> {
          TaskIndex index = TaskIndex.scan(root);
          start.await(10, TimeUnit.SECONDS);
          return index.resolve(name);
        };
        results.add(pool.submit(c));
      }
      TaskHeader first = results.get(0).get(60, TimeUnit.SECONDS);
      for (Future<TaskHeader> r : results) {
        assertEquals(first, r.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    Path reference = install(tmp.resolve("ref"));
    TaskIndex.scan(reference).resolve(name);
    assertArrayEquals(Files.readAllBytes(file(reference, name)), Files.readAllBytes(file(root, name)));
    try (Stream<Path> s = Files.list(DemoTasks.datasetDir(root))) {
      assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".tmp")).toList(),
          "no temp files left");
    }
  }

  @Test
  void concurrentCreationFromTwoJvmsGivesOneIdenticalFile() throws Exception {
    Path root = install(tmp.resolve("data"));
    String name = "demo_tissue+shrink_train?40+identity";
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> procs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      procs.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          CreateTaggedMain.class.getName(), root.toString(), name).redirectErrorStream(true)
          .redirectOutput(tmp.resolve("log" + i).toFile()).start());
    }
    for (int i = 0; i < procs.size(); i++) {
      assertTrue(procs.get(i).waitFor(120, TimeUnit.SECONDS), "process " + i + " finished");
      assertEquals(0, procs.get(i).exitValue(), Files.readString(tmp.resolve("log" + i)));
    }
    Path reference = install(tmp.resolve("ref"));
    TaskIndex.scan(reference).resolve(name);
    assertArrayEquals(Files.readAllBytes(file(reference, name)), Files.readAllBytes(file(root, name)));
    assertArrayEquals(Files.readAllBytes(file(reference, "demo_tissue+shrink_train?40")),
        Files.readAllBytes(file(root, "demo_tissue+shrink_train?40")));
    assertEquals(32 + 40, TaskIndex.scan(root).header(name).numSamples(), "fold 0 (32 samples) kept, plus n_total");
  }

  // ------------------------------------------------------------------------------------- engine hook
  // Names with '?' are quoted inside [...] overrides: the YAML flow parser of the config overrides ends a plain
  // scalar at '?' (SnakeYAML, YAML 1.1), so task_list=[a+subset?0_5] does not parse yet (config module).

  private static final ConfigSources SOURCES = ConfigSources.load(TaggedTasksTest.class.getClassLoader(), List.of());

  private RunResult info(Path data, Path results, String... overrides) throws Exception {
    List<String> all = new ArrayList<>(List.of("data_dir=" + data, "out_dir=" + results, "proj=p", "tasks=demo"));
    all.addAll(List.of(overrides));
    return new Engine().run(ModeRegistry.of(List.of(new InfoScheduler_Routine())),
        new ConfigComposer(SOURCES, Map.<String, String>of()::get).compose("info", all));
  }

  @Test
  void engineCreatesTaggedTasksOfTheTaskList() throws Exception {
    Path data = tmp.resolve("data");
    RunResult r = info(data, tmp.resolve("out"), "task_list=['demo_shapes+subset?0_5']");
    assertTrue(Files.isDirectory(r.runDir()));
    assertTrue(Files.isRegularFile(file(data, "demo_shapes+subset?0_5")), "demo installed and tagged task created");
  }

  @Test
  void engineCreatesTaggedTasksOfTagging() throws Exception {
    Path data = tmp.resolve("data");
    info(data, tmp.resolve("out"), "task_list=[demo_stripes]", "tagging.all=+subset?0_5",
        "tagging.variants=[+identity,'+confuse?0_1']");
    assertTrue(Files.isRegularFile(file(data, "demo_stripes+subset?0_5")));
    assertTrue(Files.isRegularFile(file(data, "demo_stripes+subset?0_5+confuse?0_1")));
  }

  @Test
  void engineRejectsABadTagBeforeAnythingIsWritten() throws Exception {
    Path data = tmp.resolve("data");
    Path out = tmp.resolve("out");
    TaskException e = assertThrows(TaskException.class, () -> info(data, out, "task_list=['demo_shapes+subst?0_5']"));
    assertTrue(e.getMessage().contains("unknown tag 'subst'"), e.getMessage());
    assertFalse(Files.exists(data), "no data written");
    assertFalse(Files.exists(out.resolve("p")), "no run folder");
  }
}
