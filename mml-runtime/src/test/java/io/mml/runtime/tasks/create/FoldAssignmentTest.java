package io.mml.runtime.tasks.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.tasks.TaskException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FoldAssignmentTest {
  private static final Set<String> TRAIN = Set.of("a", "b", "c", "d");

  private static String fails(Runnable r) {
    return assertThrows(TaskException.class, r::run).getMessage();
  }

  @Test
  void givenFoldsMustBeDisjointCompleteAndOfTrainingIds() {
    List<List<String>> ok = List.of(new ArrayList<>(List.of("a", "b")), List.of("d", "c"));
    List<List<String>> copy = FoldAssignment.checked("t", ok, TRAIN);
    assertEquals(ok, copy);
    ok.get(0).add("x");
    assertEquals(List.of("a", "b"), copy.get(0), "the folds are copied");
    assertEquals("Task 't': at least 2 folds are needed, got 1",
        fails(() -> FoldAssignment.checked("t", List.of(List.of("a", "b", "c", "d")), TRAIN)));
    assertEquals("Task 't': fold 1 names 'z', not a training sample",
        fails(() -> FoldAssignment.checked("t", List.of(List.of("a", "b"), List.of("c", "z")), TRAIN)));
    assertEquals("Task 't': sample 'b' is in more than one fold",
        fails(() -> FoldAssignment.checked("t", List.of(List.of("a", "b"), List.of("b", "c", "d")), TRAIN)));
    assertEquals("Task 't': 1 training samples are in no fold",
        fails(() -> FoldAssignment.checked("t", List.of(List.of("a"), List.of("b", "c")), TRAIN)));
  }

  @Test
  void balancedSpreadsEachStratumAndNeedsEnoughSamples() {
    List<String> ids = List.of("r0", "r1", "c0", "c1", "c2", "c3");
    List<List<String>> folds = FoldAssignment.balanced("t", ids, 2, 7, id -> id.substring(0, 1));
    assertEquals(folds, FoldAssignment.balanced("t", ids, 2, 7, id -> id.substring(0, 1)));
    Set<String> all = new HashSet<>();
    for (List<String> f : folds) {
      all.addAll(f);
      assertEquals(1, f.stream().filter(id -> id.startsWith("r")).count(), "one rare sample per fold: " + f);
    }
    assertEquals(Set.copyOf(ids), all);
    assertEquals(List.of(), FoldAssignment.balanced("t", List.of(), 5, 7, id -> ""));
    assertEquals("Task 't' has 2 training samples, fewer than the 3 folds asked for (mode.folds)",
        fails(() -> FoldAssignment.balanced("t", List.of("a", "b"), 3, 7, id -> "")));
  }

  @Test
  void rarestClassIsTheStratumTiesByName() {
    Map<String, Double> occ = Map.of("cat", 10.0, "dog", 2.0, "eel", 2.0, "fox", 0.5);
    assertEquals("dog", FoldAssignment.rarestClass(List.of("cat", "dog", "eel"), c -> occ.getOrDefault(c, 0.0)));
    assertEquals("dog", FoldAssignment.rarestClass(List.of("eel", "dog"), c -> occ.getOrDefault(c, 0.0)));
    assertEquals("fox", FoldAssignment.rarestClass(List.of("cat", "fox"), c -> occ.getOrDefault(c, 0.0)));
    assertEquals("", FoldAssignment.rarestClass(List.of(), c -> occ.getOrDefault(c, 0.0)));
    assertEquals("new", FoldAssignment.rarestClass(List.of("new", "cat"), c -> occ.getOrDefault(c, 0.0)));
  }
}
