package io.mml.runtime.tasks.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.tasks.DemoTasks;
import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.TaskFiles;
import io.mml.runtime.tasks.TaskHeader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each tag's semantics on the demo tasks (in memory). demo_shapes: 3 classes x 100 train, 5 folds of 60, 90 test. */
class TagSemanticsTest {
  @TempDir static Path data;
  static TaskDescription shapes;
  static TaskDescription stripes;

  @BeforeAll
  static void install() {
    DemoTasks.ensureInstalled(data);
    shapes = TaskDescriptions.read(TaskFiles.descriptionFile(DemoTasks.datasetDir(data), "demo_shapes"));
    stripes = TaskDescriptions.read(TaskFiles.descriptionFile(DemoTasks.datasetDir(data), "demo_stripes"));
  }

  /** A regression task: 50 train samples with float values, 5 folds of 10, 10 test. */
  static TaskDescription regression() {
    Map<String, Map<String, Object>> train = new LinkedHashMap<>();
    Map<String, Map<String, Object>> test = new LinkedHashMap<>();
    List<List<String>> folds = new ArrayList<>();
    for (int f = 0; f < 5; f++) {
      folds.add(new ArrayList<>());
    }
    for (int i = 0; i < 60; i++) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("image", "img/" + i + ".png");
      s.put("value", i * 0.5);
      if (i < 50) {
        train.put("s" + i, s);
        folds.get(i % 5).add("s" + i);
      } else {
        test.put("s" + i, s);
      }
    }
    TaskHeader h = new TaskHeader("reg", "regression", List.of(), Map.of("image", List.of(".png"), "value", List.of()),
        List.of(0.5), List.of(0.2), List.of(8, 8, 8, 8), new TreeMap<>(), Map.of(), 5, 50, "", "", "", "", "", "");
    return new TaskDescription(h, folds, train, test, Map.of());
  }

  /** Folds are disjoint and exactly cover the training samples; the header agrees; the description validates. */
  static void assertConsistent(TaskDescription d) {
    Set<String> seen = new HashSet<>();
    for (List<String> f : d.trainFolds()) {
      for (String id : f) {
        assertTrue(seen.add(id), "sample " + id + " in two folds");
      }
    }
    assertEquals(d.trainSamples().keySet(), seen, "folds cover the training samples");
    Set<String> test = new HashSet<>(d.testSamples().keySet());
    test.retainAll(seen);
    assertTrue(test.isEmpty(), "train and test disjoint: " + test);
    assertEquals(d.trainFolds().size(), d.header().numFolds());
    assertEquals(d.countTrainSamples(), d.header().numSamples());
    Map<String, Long> occ = new LinkedHashMap<>();
    d.header().classNames().forEach(c -> occ.put(c, 0L));
    if (d.header().taskType().equals("classification")) {
      d.trainSamples().values().forEach(s -> occ.merge(TagSupport.classOf(d.header(), s), 1L, Long::sum));
      assertEquals(occ, d.header().classOcc());
    }
  }

  static Map<String, Integer> perClass(TaskDescription d, List<String> ids, Map<String, Map<String, Object>> samples) {
    Map<String, Integer> out = new TreeMap<>();
    ids.forEach(id -> out.merge(TagSupport.classOf(d.header(), samples.get(id)), 1, Integer::sum));
    return out;
  }

  static void assertBalanced(TaskDescription d) {
    for (String c : d.header().classNames()) {
      int min = Integer.MAX_VALUE;
      int max = 0;
      for (List<String> f : d.trainFolds()) {
        int n = perClass(d, f, d.trainSamples()).getOrDefault(c, 0);
        min = Math.min(min, n);
        max = Math.max(max, n);
      }
      assertTrue(max - min <= 1, "class " + c + " spread " + min + ".." + max);
    }
  }

  @Test
  void identityIsAFreshIdenticalCopy() {
    TaskDescription d = TaggedTasks.deriveAll(shapes, "demo_shapes+identity");
    assertEquals("demo_shapes+identity", d.header().name());
    assertEquals(shapes.trainFolds(), d.trainFolds());
    assertEquals(shapes.trainSamples(), d.trainSamples());
    assertEquals(shapes.testSamples(), d.testSamples());
    assertEquals(shapes.header().classOcc(), d.header().classOcc());
    assertEquals(shapes.header().means(), d.header().means());
    assertTrue(d.header().creationProtocol().startsWith(shapes.header().creationProtocol() + "\ntag +identity"));
  }

  @Test
  void nestedMakesTheFoldTheTestSetAndResplitsTheRest() {
    TaskDescription d = TaggedTasks.deriveAll(shapes, "demo_shapes+nested?2");
    assertEquals(new HashSet<>(shapes.trainFolds().get(2)), d.testSamples().keySet());
    assertEquals(5, d.trainFolds().size());
    assertEquals(240, d.header().numSamples());
    Set<String> rest = new HashSet<>(shapes.trainIds(2));
    assertEquals(rest, d.trainSamples().keySet());
    assertConsistent(d);
    assertBalanced(d);
    d.trainFolds().forEach(f -> assertEquals(48, f.size()));
    assertEquals(Map.of("circle", 80L, "square", 80L, "triangle", 80L), d.header().classOcc());
    TaskDescription three = TaggedTasks.deriveAll(shapes, "demo_shapes+nested?0?3");
    assertEquals(3, three.trainFolds().size());
    assertConsistent(three);
    assertBalanced(three);
  }

  @Test
  void nestedWorksForNonClassificationTasks() {
    TaskDescription reg = regression();
    TaskDescription d = TaggedTasks.deriveAll(reg, "reg+nested?1?4");
    assertEquals(new HashSet<>(reg.trainFolds().get(1)), d.testSamples().keySet());
    assertEquals(4, d.trainFolds().size());
    assertConsistent(d);
    d.trainFolds().forEach(f -> assertTrue(f.size() == 10, "plain split of 40 into 4: " + f.size()));
  }

  @Test
  void nestedFoldOutOfRange() {
    TaskException e = assertThrows(TaskException.class, () -> TaggedTasks.deriveAll(shapes, "demo_shapes+nested?5"));
    assertTrue(e.getMessage().contains("fold '5' is out of range") && e.getMessage().contains("0..4"), e.getMessage());
  }

  @Test
  void subsetShrinksEveryFoldPerClass() {
    TaskDescription d = TaggedTasks.deriveAll(shapes, "demo_shapes+subset?0_5");
    assertConsistent(d);
    assertEquals(150, d.header().numSamples());
    assertEquals(Map.of("circle", 50L, "square", 50L, "triangle", 50L), d.header().classOcc());
    for (int f = 0; f < 5; f++) {
      assertTrue(shapes.trainFolds().get(f).containsAll(d.trainFolds().get(f)), "fold " + f + " is a subset");
      assertEquals(Map.of("circle", 10, "square", 10, "triangle", 10), perClass(d, d.trainFolds().get(f),
          d.trainSamples()));
    }
    assertEquals(shapes.testSamples(), d.testSamples());
    assertEquals(shapes.header().means(), d.header().means(), "statistics are kept");
    TaskDescription tiny = TaggedTasks.deriveAll(shapes, "demo_shapes+subset?0_01");
    assertConsistent(tiny);
    tiny.trainFolds().forEach(f -> assertEquals(Map.of("circle", 1, "square", 1, "triangle", 1),
        perClass(tiny, f, tiny.trainSamples()), "at least one per class per fold"));
  }

  @Test
  void subsetWorksForRegression() {
    TaskDescription d = TaggedTasks.deriveAll(regression(), "reg+subset?0_3");
    assertConsistent(d);
    d.trainFolds().forEach(f -> assertEquals(3, f.size()));
  }

  @Test
  void shrinkTrainKeepsFoldZeroAndShrinksTheRestToNTotal() {
    TaskDescription d = TaggedTasks.deriveAll(shapes, "demo_shapes+shrink_train?80");
    assertConsistent(d);
    assertEquals(shapes.trainFolds().get(0), d.trainFolds().get(0));
    int rest = 0;
    for (int f = 1; f < 5; f++) {
      rest += d.trainFolds().get(f).size();
      assertTrue(shapes.trainFolds().get(f).containsAll(d.trainFolds().get(f)));
      perClass(d, d.trainFolds().get(f), d.trainSamples()).values()
          .forEach(n -> assertTrue(n >= 5, "at least 5 per class per fold: " + n));
    }
    assertEquals(80, rest);
    assertEquals(140, d.header().numSamples());
    // a budget too small for 5 per class: spread evenly, total still exact
    TaskDescription small = TaggedTasks.deriveAll(shapes, "demo_shapes+shrink_train?30");
    assertConsistent(small);
    assertEquals(90, small.header().numSamples());
    for (int f = 1; f < 5; f++) {
      Map<String, Integer> pc = perClass(small, small.trainFolds().get(f), small.trainSamples());
      assertEquals(3, pc.size(), "every class present");
      assertTrue(pc.values().stream().allMatch(n -> n >= 2));
    }
    // an explicit seed overrides the alias seed and is deterministic
    TaskDescription s1 = TaggedTasks.deriveAll(shapes, "demo_shapes+shrink_train?80?1");
    TaskDescription s2 = TaggedTasks.deriveAll(shapes, "demo_shapes+shrink_train?80?1");
    TaskDescription s3 = TaggedTasks.deriveAll(shapes, "demo_shapes+shrink_train?80?2");
    assertEquals(s1.trainFolds(), s2.trainFolds());
    assertNotEquals(s1.trainFolds(), s3.trainFolds());
    TaskException e = assertThrows(TaskException.class, () -> TaggedTasks.deriveAll(shapes,
        "demo_shapes+shrink_train?241"));
    assertTrue(e.getMessage().contains("more than the 240 samples"), e.getMessage());
  }

  @Test
  void shrinkEqualDrawsNPerClassAndResplits() {
    TaskDescription d = TaggedTasks.deriveAll(shapes, "demo_shapes+shrink_equal?10");
    assertConsistent(d);
    assertBalanced(d);
    assertEquals(Map.of("circle", 10L, "square", 10L, "triangle", 10L), d.header().classOcc());
    assertEquals(5, d.trainFolds().size());
    d.trainFolds().forEach(f -> assertEquals(6, f.size()));
    TaskDescription all = TaggedTasks.deriveAll(shapes, "demo_shapes+shrink_equal?150");
    assertEquals(300, all.header().numSamples(), "a class with fewer samples keeps all");
    TaskException e = assertThrows(TaskException.class, () -> TaggedTasks.deriveAll(regression(),
        "reg+shrink_equal?3"));
    assertTrue(e.getMessage().contains("single-class target"), e.getMessage());
  }

  @Test
  void redistributeWithOneArgumentKeepsTheTestSet() {
    TaskDescription d = TaggedTasks.deriveAll(shapes, "demo_shapes+redistribute_splits?0_6");
    assertConsistent(d);
    assertEquals(shapes.testSamples(), d.testSamples());
    assertEquals(300, d.header().numSamples());
    assertEquals(120, d.trainFolds().get(0).size());
    assertEquals(Map.of("circle", 40, "square", 40, "triangle", 40), perClass(d, d.trainFolds().get(0),
        d.trainSamples()));
    for (int f = 1; f < 5; f++) {
      assertEquals(45, d.trainFolds().get(f).size());
    }
  }

  @Test
  void redistributeWithTwoArgumentsDrawsANewTestSetFromTraining() {
    TaskDescription d = TaggedTasks.deriveAll(shapes, "demo_shapes+redistribute_splits?0_6?0_2");
    assertConsistent(d);
    assertEquals(60, d.testSamples().size());
    assertTrue(shapes.trainSamples().keySet().containsAll(d.testSamples().keySet()), "old test set dropped");
    assertEquals(240, d.header().numSamples());
    assertEquals(60, d.trainFolds().get(0).size());
    assertEquals(Map.of("circle", 20, "square", 20, "triangle", 20), perClass(d, new ArrayList<>(
        d.testSamples().keySet()), d.testSamples()));
  }

  @Test
  void redistributeWithThreeArgumentsPoolsTrainAndTest() {
    TaskDescription d = TaggedTasks.deriveAll(shapes, "demo_shapes+redistribute_splits?0_6?0_2?0_2");
    assertConsistent(d);
    Set<String> all = new HashSet<>(d.trainSamples().keySet());
    all.addAll(d.testSamples().keySet());
    Set<String> before = new HashSet<>(shapes.trainSamples().keySet());
    before.addAll(shapes.testSamples().keySet());
    assertEquals(before, all, "no sample lost");
    assertEquals(78, d.testSamples().size());
    assertEquals(312, d.header().numSamples());
    assertEquals(78, d.trainFolds().get(0).size());
    assertTrue(d.testSamples().keySet().stream().anyMatch(id -> id.startsWith("train_")), "test re-sampled");
    assertTrue(d.trainSamples().keySet().stream().anyMatch(id -> id.startsWith("test_")));
  }

  @Test
  void confuseChangesExactlyThatFractionOfLabels() {
    TaskDescription d = TaggedTasks.deriveAll(shapes, "demo_shapes+confuse?0_1");
    assertConsistent(d);
    assertEquals(shapes.trainFolds(), d.trainFolds());
    int changed = 0;
    for (String id : shapes.trainSamples().keySet()) {
      Map<String, Object> a = shapes.trainSamples().get(id);
      Map<String, Object> b = d.trainSamples().get(id);
      assertEquals(a.get("image"), b.get("image"));
      if (!a.get("class").equals(b.get("class"))) {
        changed++;
      }
    }
    assertEquals(30, changed);
    assertEquals(300L, d.header().classOcc().values().stream().mapToLong(Long::longValue).sum());
    assertEquals(shapes.testSamples(), d.testSamples(), "test labels untouched");
    TaskDescription s = TaggedTasks.deriveAll(stripes, "demo_stripes+confuse?0_25");
    long flipped = stripes.trainSamples().keySet().stream()
        .filter(id -> !stripes.trainSamples().get(id).get("class").equals(s.trainSamples().get(id).get("class")))
        .count();
    assertEquals(40, flipped);
  }

  @Test
  void confuseIsClassificationOnly() {
    TaskException e = assertThrows(TaskException.class, () -> TaggedTasks.deriveAll(regression(), "reg+confuse?0_1"));
    assertTrue(e.getMessage().contains("only for classification") && e.getMessage().contains("regression")
        && e.getMessage().contains("reg+confuse?0_1"), e.getMessage());
  }

  @Test
  void tagsAreCumulativeAndRecordedInTheProtocol() {
    TaskDescription d = TaggedTasks.deriveAll(shapes, "demo_shapes+subset?0_5+confuse?0_1");
    assertConsistent(d);
    assertEquals(150, d.header().numSamples());
    assertTrue(d.header().creationProtocol().contains("tag +subset?0_5 applied to demo_shapes"));
    assertTrue(d.header().creationProtocol().contains("tag +confuse?0_1 applied to demo_shapes+subset?0_5"));
    TaskDescription again = TaggedTasks.deriveAll(shapes, "demo_shapes+subset?0_5+confuse?0_1");
    assertEquals(d, again, "deterministic");
  }
}
