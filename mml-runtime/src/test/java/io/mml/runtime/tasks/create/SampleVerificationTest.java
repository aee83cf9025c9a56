package io.mml.runtime.tasks.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mml.runtime.modality.ModalityVerifier;
import io.mml.runtime.tasks.TaskException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SampleVerificationTest {
  /** Counts the class of its value once; fails on "bad". */
  private static final ModalityVerifier LABEL = (ctx, v) -> {
    if ("bad".equals(v)) {
      throw ctx.fail("label", "is bad");
    }
    ctx.countClass(v.toString(), 1);
  };
  private static final ModalityVerifier ANY = (ctx, v) -> {};
  private static final ModalityLookup MODS = ModalityLookup.of(Map.of("image", ANY, "mask", ANY, "label", LABEL));

  private static SampleIntake.Accepted a(String split, String id, Map<String, Object> entry) {
    return new SampleIntake.Accepted(split, new Sample(id, entry, id.equals("o") ? "list.csv:2" : null));
  }

  private static SampleVerification run(List<SampleIntake.Accepted> samples) {
    return SampleVerification.run("t", Path.of("/data"), new TreeMap<>(Map.of(0, "x", 1, "y")), MODS, 3, samples);
  }

  @Test
  void countsClassesOverTrainingSamplesOnlyAndSuffixesPerModality() {
    SampleVerification v = run(List.of(
        a("train", "s0", Map.of("image", "img/A.PNG", "label", "x")),
        a("train", "s1", Map.of("image", "img/b.jpg", "mask", "m/.hidden", "label", "x")),
        a("train", "s2", Map.of("image", "noext", "label", "y")),
        a("test", "t0", Map.of("image", "img.dir/c.png", "label", "y"))));
    assertEquals(2.0, v.trainOccurrence("x"));
    assertEquals(1.0, v.trainOccurrence("y"), "test samples do not count");
    assertEquals(0.0, v.trainOccurrence("z"));
    assertEquals(Map.of("y", 1.0), v.classesOf("t0"));
    assertEquals(Map.of(), v.classesOf("unknown"));
    assertEquals(Map.of("image", List.of(".jpg", ".png"), "label", List.of(), "mask", List.of()), v.suffixes());
    assertEquals(List.of("image", "label", "mask"), List.copyOf(v.suffixes().keySet()));
  }

  @Test
  void failuresNameTaskSplitSampleOriginAndModality() {
    TaskException e = assertThrows(TaskException.class, () -> run(List.of(
        a("train", "s0", Map.of("label", "x")), a("test", "o", Map.of("label", "bad")))));
    assertEquals("Task 't', test sample 'o' (list.csv:2), modality 'label': is bad", e.getMessage());
  }
}
