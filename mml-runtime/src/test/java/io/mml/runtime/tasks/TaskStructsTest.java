package io.mml.runtime.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.files.FileManager;
import io.mml.runtime.run.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskStructsTest {
  @TempDir Path tmp;

  private TaskIndex index() {
    for (String n : List.of("alpha", "beta")) {
      TaskDescriptions.write(TaskFiles.descriptionFile(TaskFiles.rawDatasetDir(tmp.resolve("data"), "ds"), n),
          Samples.description(n, 2, 4));
    }
    return TaskIndex.scan(tmp.resolve("data"));
  }

  private FileManager fm(Path results) {
    return FileManager.builder(tmp.resolve("data"), results, "proj", results.resolve("proj/runs/d/t")).build();
  }

  @Test
  void structLoadsDescriptionLazilyAndResolvesSamples() throws Exception {
    TaskIndex index = index();
    TaskStruct s = TaskStruct.of(index, "alpha");
    assertEquals(index.descriptionPath("alpha").getParent(), s.datasetDir());
    TaskDescription d = s.description();
    assertSame(d, s.description());
    assertEquals(4, d.trainSamples().size());
    assertEquals(s.datasetDir().resolve("img/s0.png"), s.resolveSample("img/s0.png"));
    assertTrue(assertThrows(TaskException.class, () -> s.resolveSample("../../secret")).getMessage()
        .contains("Task 'alpha': sample path '../../secret' escapes the dataset folder"));
    assertTrue(assertThrows(TaskException.class, () -> s.resolveSample("/abs")).getMessage().contains("is absolute"));
  }

  @Test
  void lazyDescriptionErrorsNameTheFile() throws Exception {
    TaskIndex index = index();
    TaskStruct s = TaskStruct.of(index, "beta");
    Files.writeString(s.descriptionPath(), Files.readString(s.descriptionPath()).replace("\"s1\" : {", "\"s0\" : {"));
    assertTrue(assertThrows(TaskException.class, s::description).getMessage()
        .contains(s.descriptionPath() + ": key 'train_samples': duplicate sample id 's0'"));
  }

  @Test
  void dumpAndLoadRoundTripWithRelativePaths() throws Exception {
    TaskIndex index = index();
    Path results = tmp.resolve("results");
    FileManager fm = fm(results);
    TaskStructs structs = new TaskStructs();
    TaskStruct a = TaskStruct.of(index, "alpha");
    TaskStruct b = TaskStruct.of(index, "beta");
    structs.add(b);
    structs.add(a);
    a.putPath("parameters", fm.constructSavingPath("parameters", "alpha"));
    a.putPath("models", fm.constructSavingPath("models", "alpha"));
    Path dump = fm.runDir().resolve("structs.json");
    structs.dump(dump, fm);
    var json = new ObjectMapper().readTree(dump.toFile());
    assertEquals("proj/PARAMETERS/alpha/model_0000.params", json.get("alpha").get("paths").get("parameters").asText());
    assertEquals("RAW/DSET_ds/TASK_alpha.json", json.get("alpha").get("description").asText());

    // the results tree moves to another machine: paths follow it
    Path moved = tmp.resolve("moved");
    Files.move(results, moved);
    FileManager fm2 = fm(moved);
    TaskStructs back = TaskStructs.load(fm2.runDir().resolve("structs.json"), index, fm2);
    assertEquals(List.of("beta", "alpha"), back.names());
    assertEquals(Map.of("parameters", moved.resolve("proj/PARAMETERS/alpha/model_0000.params").toAbsolutePath(),
        "models", moved.resolve("proj/MODELS/alpha/model_0000.json").toAbsolutePath()), back.get("alpha").paths());
    assertEquals(a.header(), back.get("alpha").header());
    assertTrue(back.get("beta").paths().isEmpty());
  }

  @Test
  void corruptDumpNamesTheFile() throws Exception {
    TaskIndex index = index();
    FileManager fm = fm(tmp.resolve("results"));
    Path dump = tmp.resolve(RunFolder.STRUCTS);
    Files.writeString(dump, "{\"alpha\": {\"paths\": {\"x\": \"proj/");
    String torn = assertThrows(TaskException.class, () -> TaskStructs.load(dump, index, fm)).getMessage();
    assertTrue(torn.startsWith("Task dump " + dump + " is corrupt"), torn);
    Files.writeString(dump, "{\"alpha\": {\"nopaths\": 1}}");
    assertTrue(assertThrows(TaskException.class, () -> TaskStructs.load(dump, index, fm)).getMessage()
        .contains("task 'alpha' must be an object with a 'paths' object"));
    Files.writeString(dump, "{\"alpha\": {\"paths\": {\"x\": \"../../etc\"}}}");
    assertTrue(assertThrows(TaskException.class, () -> TaskStructs.load(dump, index, fm)).getMessage()
        .contains("path key 'x': Path '../../etc' contains '..'"));
    Files.writeString(dump, "{\"zeta\": {\"paths\": {}}}");
    assertTrue(assertThrows(TaskException.class, () -> TaskStructs.load(dump, index, fm)).getMessage()
        .contains("Task 'zeta' is not installed"));
  }

  @Test
  void getSuggestsAndAddRefusesDuplicates() {
    TaskIndex index = index();
    TaskStructs structs = new TaskStructs();
    structs.add(TaskStruct.of(index, "alpha"));
    String msg = assertThrows(IllegalArgumentException.class, () -> structs.get("alpah")).getMessage();
    assertTrue(msg.contains("No task struct 'alpah' in this run. Did you mean 'alpha'? Tasks of this run: alpha"), msg);
    assertThrows(IllegalArgumentException.class, () -> structs.add(TaskStruct.of(index, "alpha")));
  }

  @Test
  void pathsAreThreadSafe() throws Exception {
    TaskStruct s = TaskStruct.of(index(), "alpha");
    Thread[] ts = new Thread[4];
    for (int t = 0; t < ts.length; t++) {
      int id = t;
      ts[t] = new Thread(() -> {
        for (int i = 0; i < 500; i++) {
          s.putPath("k" + id + "_" + i, tmp.resolve("p" + i));
          s.paths();
        }
      });
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    assertEquals(2000, s.paths().size());
  }
}
