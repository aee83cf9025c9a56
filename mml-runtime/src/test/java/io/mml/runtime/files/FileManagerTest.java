package io.mml.runtime.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileManagerTest {
  @TempDir Path tmp;

  private Path results() {
    return tmp.resolve("results");
  }

  private Path run(String project, String name) {
    return results().resolve(project).resolve("runs/2024-01-01").resolve(name);
  }

  private FileManager fm() {
    return FileManager.builder(tmp.resolve("data"), results(), "proj", run("proj", "10-00-00-000")).build();
  }

  @Test
  void numbersFilesPerTaskAndClaimsThem() throws Exception {
    FileManager fm = fm();
    Path a = fm.constructSavingPath("parameters", "t1");
    Path b = fm.constructSavingPath("parameters", "t1");
    Path c = fm.constructSavingPath("parameters", "t2");
    assertEquals(results().resolve("proj/PARAMETERS/t1/model_0000.params").toAbsolutePath(), a);
    assertEquals("model_0001.params", b.getFileName().toString());
    assertEquals("model_0000.params", c.getFileName().toString());
    assertTrue(Files.exists(a) && Files.size(a) == 0);
    // max existing + 1, not "first free": a gap stays a gap
    Files.createFile(a.resolveSibling("model_0007.params"));
    assertEquals("model_0008.params", fm.constructSavingPath("parameters", "t1").getFileName().toString());
    // a custom file name gets its own numbering
    assertEquals("scores_0000.csv", fm.constructSavingPath("predictions", "t1", "scores.csv").getFileName().toString());
  }

  @Test
  void globalRunLocalAndUnnumberedKeys() {
    FileManager fm = FileManager.builder(tmp.resolve("data"), results(), "proj", run("proj", "r"))
        .key(PathKey.builder("distances").file("distances.csv").reusable().build()).build();
    assertEquals(results().resolve("proj/PLOTS/sample_grid/grid_0000.png").toAbsolutePath(),
        fm.constructSavingPath("sample_grid", null));
    assertEquals(run("proj", "r").resolve("TEMP/temp_0000.bin").toAbsolutePath(), fm.constructSavingPath("temp", null));
    Path d1 = fm.constructSavingPath("distances", null);
    Path d2 = fm.constructSavingPath("distances", null);
    assertEquals(d1, d2);
    assertEquals("distances.csv", d1.getFileName().toString());
  }

  @Test
  void taskIsRequiredIffPerTask() {
    FileManager fm = fm();
    String missing = assertThrows(IllegalArgumentException.class, () -> fm.constructSavingPath("models", null))
        .getMessage();
    assertTrue(missing.contains("'models' is per task: pass the task name"), missing);
    String extra = assertThrows(IllegalArgumentException.class, () -> fm.constructSavingPath("backup", "t"))
        .getMessage();
    assertTrue(extra.contains("'backup' is not per task"), extra);
    String bad = assertThrows(IllegalArgumentException.class, () -> fm.constructSavingPath("models", "../x"))
        .getMessage();
    assertTrue(bad.contains("cannot be a folder name"), bad);
    String badFile = assertThrows(IllegalArgumentException.class,
        () -> fm.constructSavingPath("models", "t", "a/../../b.json")).getMessage();
    assertTrue(badFile.contains("must be a plain file name"), badFile);
  }

  @Test
  void unknownKeyListsKeysAndSuggests() {
    String msg = assertThrows(IllegalArgumentException.class, () -> fm().constructSavingPath("paramters", "t"))
        .getMessage();
    assertTrue(msg.startsWith("Unknown path key 'paramters'. Did you mean 'parameters'?"), msg);
    assertTrue(msg.contains("Registered keys: parameters, img_examples, blueprint"), msg);
  }

  @Test
  void duplicateKeyRegistrationFails() {
    FileManager fm = fm();
    fm.register(PathKey.builder("fim").folder("FIMS").file("fim.json").perTask().numbered().build());
    String msg = assertThrows(IllegalArgumentException.class,
        () -> fm.register(PathKey.builder("fim").folder("OTHER").file("x.json").perTask().numbered().build())).getMessage();
    assertTrue(msg.contains("'fim' is already registered"), msg);
    assertThrows(IllegalArgumentException.class,
        () -> fm.register(PathKey.builder("models").folder("MODELS2").file("x.json").perTask().numbered().build()));
  }

  @Test
  void instancesAreIndependent() {
    FileManager a = fm();
    FileManager b = FileManager.builder(tmp.resolve("data"), results(), "other", run("other", "r")).build();
    a.register(PathKey.builder("only_a").file("a.txt").numbered().build());
    assertTrue(a.keys().containsKey("only_a"));
    assertFalse(b.keys().containsKey("only_a"));
  }

  @Test
  void recordsCreatedPathsAsJsonLinesRelativeToResultsRoot() throws Exception {
    FileManager fm = fm();
    fm.constructSavingPath("parameters", "t1");
    fm.constructSavingPath("temp", null);
    List<String> lines = Files.readAllLines(fm.runDir().resolve(FileManager.CREATED_PATHS));
    assertEquals(2, lines.size());
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertEquals("parameters", first.get("key").asText());
    assertEquals("t1", first.get("task").asText());
    assertEquals("proj/PARAMETERS/t1/model_0000.params", first.get("path").asText());
    assertEquals("proj/runs/2024-01-01/10-00-00-000/TEMP/temp_0000.bin",
        new ObjectMapper().readTree(lines.get(1)).get("path").asText());
    assertEquals(List.of("parameters", "temp"), fm.createdPaths().stream().map(FileManager.CreatedPath::key).toList());
  }

  @Test
  void relativizeAndResolveRoundTripAndRefuseEscapes() {
    FileManager fm = fm();
    Path p = results().resolve("proj/MODELS/t/m_0001.json");
    assertEquals("proj/MODELS/t/m_0001.json", fm.relativize(p));
    assertEquals(p.toAbsolutePath(), fm.resolve("proj/MODELS/t/m_0001.json"));
    assertEquals(p.toAbsolutePath(), fm.resolve("proj\\MODELS\\t\\m_0001.json"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> fm.resolve("proj/../../etc/passwd")).getMessage()
        .contains("contains '..'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> fm.resolve("/etc/passwd")).getMessage()
        .contains("is absolute"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> fm.resolve("C:\\x")).getMessage()
        .contains("is absolute"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> fm.relativize(tmp.resolve("elsewhere")))
        .getMessage().contains("is not inside the results root"));
  }

  private void put(String rel, String content, long mtimeMillis) throws Exception {
    Path p = results().resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    Files.setLastModifiedTime(p, FileTime.fromMillis(mtimeMillis));
  }

  @Test
  void reusePicksNewestNumberedFileLaterProjectsWinModelsAccumulate() throws Exception {
    put("old/PARAMETERS/t/model_0001.params", "old1", 5000);
    put("old/PARAMETERS/t/model_0002.params", "old2", 1000); // higher number wins over newer mtime
    put("new/PARAMETERS/t/model_0000.params", "new0", 1000);
    put("new/PARAMETERS/t/model_0001.params", "", 9000); // empty: claimed by a run that died, skipped
    put("old/BLUEPRINTS/t/blueprint_0003.yaml", "bp", 1000);
    put("old/MODELS/t/model_0000.json", "m0", 1000);
    put("old/MODELS/t/model_0001.json", "m1", 1000);
    put("new/MODELS/t/model_0000.json", "n0", 1000);
    put("old/MODELS/other/model_0000.json", "x", 1000);
    Files.createDirectories(results().resolve("proj"));
    FileManager fm = FileManager.builder(tmp.resolve("data"), results(), "proj", run("proj", "r"))
        .reuse("parameters", List.of("old", "new"))
        .reuse("blueprint", List.of("old", "new"))
        .reuse("models", List.of("old", "new"))
        .reuse("not_a_key", List.of("old")).build();
    Map<String, Path> r = fm.reusables("t");
    assertEquals(results().resolve("new/PARAMETERS/t/model_0000.params").toAbsolutePath(), r.get("parameters"));
    assertEquals(results().resolve("old/BLUEPRINTS/t/blueprint_0003.yaml").toAbsolutePath(), r.get("blueprint"));
    List<Path> models = fm.reusableFiles("t").get("models");
    assertEquals(List.of("old/MODELS/t/model_0000.json", "old/MODELS/t/model_0001.json", "new/MODELS/t/model_0000.json"),
        models.stream().map(fm::relativize).toList());
    assertEquals(Set.of("parameters", "blueprint", "models"), r.keySet());
    assertTrue(fm.reusables("unknown_task").isEmpty());
  }

  @Test
  void reuseOfMissingProjectNamesItAndListsExisting() throws Exception {
    Files.createDirectories(results().resolve("alpha"));
    Files.createDirectories(results().resolve("beta"));
    ConfigException e = assertThrows(ConfigException.class,
        () -> FileManager.builder(tmp.resolve("data"), results(), "proj", run("proj", "r"))
            .reuse("models", List.of("alpah")).build());
    assertTrue(e.getMessage().contains("project 'alpah' does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("Did you mean 'alpha'?"), e.getMessage());
    assertTrue(e.getMessage().contains("Existing projects: alpha, beta"), e.getMessage());
    assertEquals("reuse.models", e.keyPath());
  }

  @Test
  void reuseOfNonReusableKeyIsAnError() throws Exception {
    Files.createDirectories(results().resolve("alpha"));
    FileManager fm = FileManager.builder(tmp.resolve("data"), results(), "proj", run("proj", "r"))
        .reuse("predictions", List.of("alpha")).build();
    String msg = assertThrows(ConfigException.class, () -> fm.reusables("t")).getMessage();
    assertTrue(msg.contains("'predictions' is not reusable"), msg);
  }

  @Test
  void removeDeletesOnlyThisRunsFlaggedFilesAndRunLocalFolders() throws Exception {
    put("proj/PARAMETERS/t/model_0000.params", "earlier run", 1000);
    FileManager fm = FileManager.builder(tmp.resolve("data"), results(), "proj", run("proj", "r"))
        .remove("parameters", true).remove("predictions", true).remove("models", false).build();
    Path params = fm.constructSavingPath("parameters", "t");
    Path models = fm.constructSavingPath("models", "t");
    Path temp = fm.constructSavingPath("temp", null);
    Files.createDirectories(fm.runDir().resolve("CHECKPOINTS/x"));
    Files.writeString(fm.runDir().resolve("CHECKPOINTS/x/c.bin"), "c");
    FileManager.Removal r = fm.removeIntermediates();
    assertEquals(List.of(params), r.deleted());
    assertFalse(Files.exists(params));
    assertTrue(Files.exists(results().resolve("proj/PARAMETERS/t/model_0000.params")), "earlier run's file kept");
    assertTrue(Files.exists(models));
    assertFalse(Files.exists(temp));
    assertFalse(Files.exists(fm.runDir().resolve("TEMP")));
    assertFalse(Files.exists(fm.runDir().resolve("CHECKPOINTS")));
    assertEquals(Set.of("predictions"), r.neverCreated());
    assertEquals(2, r.runLocalFolders().size());
  }

  @Test
  void tornJournalLineIsSkipped() throws Exception {
    FileManager fm = fm();
    fm.constructSavingPath("parameters", "t");
    Files.writeString(fm.runDir().resolve(FileManager.CREATED_PATHS), "{\"key\":\"parame", 
        java.nio.file.StandardOpenOption.APPEND);
    assertEquals(1, fm.createdPaths().size());
  }

  @Test
  void twoThreadsNeverGetTheSamePath() throws Exception {
    FileManager a = fm();
    FileManager b = FileManager.builder(tmp.resolve("data"), results(), "proj", run("proj", "other")).build();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<Path>>> futures = new ArrayList<>();
      for (FileManager fm : List.of(a, b)) {
        futures.add(pool.submit(() -> {
          List<Path> got = new ArrayList<>();
          for (int i = 0; i < 200; i++) {
            got.add(fm.constructSavingPath("parameters", "t"));
          }
          return got;
        }));
      }
      Set<Path> all = new HashSet<>();
      for (Future<List<Path>> f : futures) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      assertEquals(400, all.size());
      assertEquals(400, countFiles(results().resolve("proj/PARAMETERS/t")));
      assertEquals(results().resolve("proj/PARAMETERS/t/model_0399.params").toAbsolutePath(),
          Collections.max(all));
    } finally {
      pool.shutdownNow();
    }
  }

  private static long countFiles(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void twoProcessesNeverGetTheSamePath() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    List<Process> procs = new ArrayList<>();
    List<Path> outs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path out = tmp.resolve("out" + i + ".txt");
      outs.add(out);
      procs.add(new ProcessBuilder(java, "-cp", cp, ClaimPathsMain.class.getName(), results().toString(),
          run("proj", "p" + i).toString(), "200", out.toString()).redirectErrorStream(true)
          .redirectOutput(tmp.resolve("log" + i + ".txt").toFile()).start());
    }
    for (int i = 0; i < 2; i++) {
      assertTrue(procs.get(i).waitFor(120, TimeUnit.SECONDS), "process " + i + " timed out");
      assertEquals(0, procs.get(i).exitValue(), () -> readQuietly(tmp.resolve("log0.txt"))
          + readQuietly(tmp.resolve("log1.txt")));
    }
    Set<String> all = new HashSet<>();
    int total = 0;
    for (Path out : outs) {
      List<String> lines = Files.readAllLines(out);
      assertEquals(200, lines.size());
      total += lines.size();
      all.addAll(lines);
    }
    assertEquals(400, total);
    assertEquals(400, all.size(), "duplicate paths handed out across processes");
    assertEquals(400, countFiles(results().resolve("proj/PARAMETERS/demo_shapes")));
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (Exception e) {
      return "";
    }
  }
}
