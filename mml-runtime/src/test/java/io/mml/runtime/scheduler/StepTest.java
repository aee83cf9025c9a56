package io.mml.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StepTest {
  @Test
  void onceIdRoundTrips() {
    Step s = Step.once("summary");
    assertEquals("summary", s.id());
    assertEquals(s, Step.parse(s.id()));
    assertFalse(s.hasTask());
    assertFalse(s.hasFold());
  }

  @Test
  void perTaskIdRoundTrips() {
    Step s = Step.perTask("a", "demo_shapes+shrink?800");
    assertEquals("a[task=demo_shapes+shrink?800]", s.id());
    Step back = Step.parse(s.id());
    assertEquals(s, back);
    assertEquals("demo_shapes+shrink?800", back.task());
    assertTrue(back.hasTask());
    assertFalse(back.hasFold());
  }

  @Test
  void perFoldIdRoundTrips() {
    Step s = Step.perFold("train", "x", 2);
    assertEquals("train[task=x,fold=2]", s.id());
    Step back = Step.parse(s.id());
    assertEquals(s, back);
    assertEquals(2, back.fold());
    assertTrue(back.hasFold());
    assertEquals(s.id(), back.toString());
  }

  @Test
  void foldZeroIsAFold() {
    Step s = Step.perFold("train", "x", 0);
    assertEquals("train[task=x,fold=0]", s.id());
    assertEquals(s, Step.parse(s.id()));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "a[task=x",            // missing ]
      "a[]",                 // nothing in brackets
      "a[x]",                // no key=value
      "a[task=x,color=red]", // unknown key
      "a[fold=1]",           // fold without task
      "a[task=x,fold=one]",  // fold not a number
      "a[task=x,fold=-1]",   // negative fold would silently become a per-task step
      "a[task=x,fold=-5]",
      "[task=x]",            // no subroutine name
      "",                    // empty id
      "a[task=]",            // empty task
      "a[task=x,task=y]",    // key given twice
      "a]",                  // stray bracket
      "a[task=x]]",          // stray bracket
  })
  void invalidIdsAreRejected(String id) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Step.parse(id));
    assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "message for " + id);
  }

  @Test
  void constructorRejectsInconsistentSteps() {
    assertThrows(IllegalArgumentException.class, () -> Step.perFold("a", "x", -1));
    assertThrows(IllegalArgumentException.class, () -> new Step("a", null, 0));
    assertThrows(NullPointerException.class, () -> Step.perTask("a", null));
    assertThrows(NullPointerException.class, () -> Step.once(null));
  }
}
