package io.mml.runtime.tasks.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskCreatorTest {
  @TempDir Path dir;
  private final TreeMap<Integer, String> ab = new TreeMap<>(Map.of(0, "a", 1, "b"));

  @BeforeEach
  void images() throws IOException {
    for (int i = 0; i < 6; i++) {
      Fixtures.png(dir.resolve("img/" + i + ".png"));
    }
  }

  private TaskCreator creator(String type) {
    return TaskCreator.builder("t", type, dir).numFolds(2).seed(1).workers(2).build();
  }

  private static Sample s(String id, Object... kv) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return new Sample(id, m);
  }

  private List<Sample> classified() {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      out.add(s("s" + i, "image", "img/" + i + ".png", "class", i % 2));
    }
    return out;
  }

  private void fails(Runnable r, String... parts) {
    TaskException e = assertThrows(TaskException.class, r::run);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "expected '" + p + "' in: " + e.getMessage());
    }
  }

  @Test
  void fullCycleWritesAtomicallyAndStateIsChecked() {
    TaskCreator c = creator("classification");
    assertThrows(IllegalStateException.class, c::splitFolds);
    c.findData(classified(), List.of(), List.of(), ab);
    assertEquals(TaskCreator.State.DATA_FOUND, c.state());
    assertThrows(IllegalStateException.class, c::inferStats);
    Path f = c.autoComplete(dir.resolve("TASK_t.json"));
    assertEquals(TaskCreator.State.FINISHED, c.state());
    TaskDescription d = TaskDescriptions.read(f);
    assertEquals(2, d.trainFolds().size());
    assertTrue(d.header().creationProtocol().contains("split 2 balanced folds"));
    assertThrows(IllegalStateException.class, () -> c.write(f));
  }

  @Test
  void absolutePathsInsideAreStoredRelative() {
    List<Sample> train = new ArrayList<>(classified());
    train.set(0, s("s0", "image", dir.resolve("img/0.png"), "class", 0));
    TaskDescription d = creator("classification").findData(train, List.of(), List.of(), ab).splitFolds()
        .inferStats().describe();
    assertEquals("img/0.png", d.trainSamples().get("s0").get("image"));
  }

  @Test
  void pathEscapingTheDatasetFolderIsNamed() throws IOException {
    Fixtures.png(dir.getParent().resolve("outside.png"));
    List<Sample> train = new ArrayList<>(classified());
    train.set(1, s("s1", "image", "../outside.png", "class", 1));
    fails(() -> creator("classification").findData(train, List.of(), List.of(), ab), "sample 's1'", "escapes");
    train.set(1, s("s1", "image", dir.getParent().resolve("outside.png"), "class", 1));
    fails(() -> creator("classification").findData(train, List.of(), List.of(), ab), "sample 's1'",
        "outside the dataset folder");
  }

  @Test
  void symlinkOutOfTheDatasetFolderIsNamed() throws IOException {
    Path outside = Fixtures.png(dir.getParent().resolve("o2.png"));
    Files.createSymbolicLink(dir.resolve("img/link.png"), outside);
    List<Sample> train = new ArrayList<>(classified());
    train.set(2, s("s2", "image", "img/link.png", "class", 0));
    fails(() -> creator("classification").findData(train, List.of(), List.of(), ab), "s2", "link");
  }

  @Test
  void missingAndNonRegularFilesAreNamed() throws IOException {
    List<Sample> train = new ArrayList<>(classified());
    train.set(0, s("s0", "image", "img/none.png", "class", 0));
    fails(() -> creator("classification").findData(train, List.of(), List.of(), ab), "none.png", "does not exist");
    Files.createDirectories(dir.resolve("img/dir.png"));
    train.set(0, s("s0", "image", "img/dir.png", "class", 0));
    fails(() -> creator("classification").findData(train, List.of(), List.of(), ab), "dir.png", "not a regular");
  }

  @Test
  void sampleIdIsRequiredAndUnique() {
    List<Sample> train = new ArrayList<>(classified());
    train.add(s("", "image", "img/4.png", "class", 0));
    fails(() -> creator("classification").findData(train, List.of(), List.of(), ab), "no sample id");
    List<Sample> dup = classified();
    fails(() -> creator("classification").findData(dup, List.of(s("s3", "image", "img/5.png", "class", 1)),
        List.of(), ab), "duplicate sample id 's3'", "already a train sample");
  }

  @Test
  void requirementsOfTheTaskTypeAreChecked() {
    List<Sample> train = new ArrayList<>(classified());
    train.set(0, s("s0", "image", "img/0.png"));
    fails(() -> creator("classification").findData(train, List.of(), List.of(), ab), "s0", "needs [class, image]");
    fails(() -> creator("classification").findData(List.of(s("x", "image", "img/0.png", "colour", 1)), List.of(),
        List.of(), ab), "unknown modality 'colour'");
    assertThrows(TaskException.class, () -> TaskCreator.builder("t", "detection", dir).build());
    assertThrows(TaskException.class, () -> TaskCreator.builder("t", "classification", dir).numFolds(1).build());
    assertThrows(TaskException.class, () -> TaskCreator.builder("a+b", "classification", dir).build());
  }

  @Test
  void classVerifier() {
    List<Sample> train = new ArrayList<>(classified());
    train.set(3, s("s3", "image", "img/3.png", "class", 5));
    fails(() -> creator("classification").findData(train, List.of(), List.of(), ab), "s3", "class index 5");
    train.set(3, s("s3", "image", "img/3.png", "class", "b"));
    fails(() -> creator("classification").findData(train, List.of(), List.of(), ab), "s3", "integer class index");
  }

  @Test
  void classesAndSoftClassesVerifiers() {
    List<Sample> ml = List.of(s("m0", "image", "img/0.png", "classes", List.of(0, 1)),
        s("m1", "image", "img/1.png", "classes", List.of(1)), s("m2", "image", "img/2.png", "classes", List.of(0)));
    TaskDescription d = creator("multilabel_classification").findData(ml, List.of(), List.of(), ab).splitFolds()
        .inferStats().describe();
    assertEquals(Map.of("a", 2L, "b", 2L), d.header().classOcc());
    fails(() -> creator("multilabel_classification").findData(List.of(s("m0", "image", "img/0.png", "classes",
        List.of(0, 0))), List.of(), List.of(), ab), "listed twice");
    fails(() -> creator("multilabel_classification").findData(List.of(s("m0", "image", "img/0.png", "soft_classes",
        List.of(0.5))), List.of(), List.of(), ab), "m0", "1 weights but the class map has 2");
    fails(() -> creator("multilabel_classification").findData(List.of(s("m0", "image", "img/0.png", "soft_classes",
        List.of(0.5, 1.5))), List.of(), List.of(), ab), "m0", "[0, 1]");
    List<Sample> soft = List.of(s("m0", "image", "img/0.png", "soft_classes", List.of(0.5, 0.5)),
        s("m1", "image", "img/1.png", "soft_classes", List.of(1.0, 1.0)));
    assertEquals(Map.of("a", 2L, "b", 2L), creator("multilabel_classification").findData(soft, List.of(), List.of(),
        ab).splitFolds().inferStats().describe().header().classOcc());
  }

  @Test
  void valueVerifier() {
    fails(() -> creator("regression").findData(List.of(s("r0", "image", "img/0.png", "value", Double.NaN)),
        List.of(), List.of(), new TreeMap<>()), "r0", "finite number");
    fails(() -> creator("regression").findData(List.of(s("r0", "image", "img/0.png", "value", "3")),
        List.of(), List.of(), new TreeMap<>()), "r0", "finite number");
  }

  @Test
  void noTaskWithUnlabelledImagesOnly() {
    List<Sample> unl = List.of(s("u0", "image", "img/0.png"), s("u1", "image", "img/1.png"));
    TaskDescription d = creator("no_task").findData(List.of(), List.of(), unl, new TreeMap<>()).splitFolds()
        .inferStats().describe();
    assertEquals(0, d.trainFolds().size());
    assertEquals(2, d.header().numSamples());
    assertFalse(d.header().means().isEmpty());
  }

  @Test
  void emptyMaskCountsAsBackground() throws IOException {
    Fixtures.mask(dir.resolve("m/0.png"), 8, 6, 0, 1);
    List<Sample> seg = List.of(s("a", "image", "img/0.png", "mask", "m/0.png"),
        s("b", "image", "img/1.png", "mask", TaskDescriptions.EMPTY_MASK));
    TaskDescription d = creator("semantic_segmentation").findData(seg, List.of(), List.of(), ab).splitFolds()
        .inferStats().describe();
    assertEquals(Map.of("a", 2L, "b", 1L), d.header().classOcc());
  }

  @Test
  void rgbMaskIsRejected() throws IOException {
    Fixtures.png(dir.resolve("m/rgb.png"));
    fails(() -> creator("semantic_segmentation").findData(List.of(s("a", "image", "img/0.png", "mask", "m/rgb.png")),
        List.of(), List.of(), ab), "rgb.png", "channels");
  }

  @Test
  void descriptionWithMissingKeyOrEscapingPathIsRejectedOnRead() throws IOException {
    Path f = creator("classification").findData(classified(), List.of(), List.of(), ab).autoComplete(
        dir.resolve("TASK_t.json"));
    String json = Files.readString(f);
    Files.writeString(dir.resolve("TASK_u.json"), json.replace("\"class_occ\"", "\"class_occurrences\""));
    TaskException e = assertThrows(TaskException.class, () -> TaskDescriptions.read(dir.resolve("TASK_u.json")));
    assertTrue(e.getMessage().contains("TASK_u.json"), e.getMessage());
    Files.writeString(dir.resolve("TASK_v.json"), json.replace("\"img/0.png\"", "\"../../etc/x.png\""));
    e = assertThrows(TaskException.class, () -> TaskDescriptions.read(dir.resolve("TASK_v.json")));
    assertTrue(e.getMessage().contains("escapes") && e.getMessage().contains("s0"), e.getMessage());
  }
}
