package io.mml.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mml.runtime.run.Journal;
import io.mml.runtime.run.Journal.Status;
import io.mml.runtime.run.StepMarker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepTimelineTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private final List<Journal.Entry> journal = new ArrayList<>();
  private int second;

  private void add(String step, Status status, String error) {
    journal.add(new Journal.Entry(step, status, T.plusSeconds(second++), status == Status.STARTED ? 0 : 1.0, error));
  }

  @Test
  void statesInvocationsAndJobIdsComeFromJournalAndMarkers() {
    List<String> plan = List.of("prepare", "a[task=t]", "b[task=t]", "c[task=t]", "d[task=t]", "finish");
    // First command: a finishes, b fails.
    add("prepare", Status.STARTED, null);
    add("prepare", Status.DONE, null);
    add("a[task=t]", Status.STARTED, null);
    add("a[task=t]", Status.DONE, null);
    add("b[task=t]", Status.STARTED, null);
    add("b[task=t]", Status.FAILED, "java.io.IOException: disk full");
    // continue=latest: a is skipped, b succeeds, c is killed in flight.
    add("prepare", Status.STARTED, null);
    add("prepare", Status.DONE, null);
    add("b[task=t]", Status.STARTED, null);
    add("b[task=t]", Status.DONE, null);
    add("c[task=t]", Status.STARTED, null);
    StepMarker d = StepMarker.submitted("d[task=t]", "12_3", 1, "/logs/d.out", T).started("12_3", "node1", 7, T, null)
        .ended(StepMarker.Status.DONE, T.plusSeconds(60), 60, null, Map.of());

    StepTimeline t = StepTimeline.of(plan, journal, Map.of("d[task=t]", d));

    List<StepState> states = t.steps().stream().map(StepRow::state).toList();
    assertEquals(List.of(StepState.CONTINUED, StepState.DONE, StepState.CONTINUED, StepState.UNFINISHED,
        StepState.DONE, StepState.NOT_RUN), states);
    StepRow b = t.steps().get(2);
    assertEquals(2, b.attempts());
    assertEquals(2, b.invocation());
    assertNull(b.error(), "the successful retry clears the old error");
    assertEquals("12_3", t.steps().get(4).jobId());
    assertEquals("node1", t.steps().get(4).host());
    assertEquals(List.of(new Invocation(1, T, 3, 0, 1), new Invocation(2, T.plusSeconds(6), 3, 1, 0)),
        t.invocations());
    assertEquals("unfinished", t.overall());
    assertEquals(4, t.counts().get(StepState.DONE) + t.counts().get(StepState.CONTINUED));
  }

  @Test
  void aFailedLastStepMakesTheRunFailed() {
    add("prepare", Status.STARTED, null);
    add("prepare", Status.DONE, null);
    add("x", Status.STARTED, null);
    add("x", Status.FAILED, "boom");
    StepTimeline t = StepTimeline.of(List.of("prepare", "x", "finish"), journal, Map.of());
    assertEquals("failed", t.overall());
    assertEquals("boom", t.steps().get(1).error());
    assertEquals(3.0, Numbers.between(t.firstStart(), t.lastEnd()));
  }
}
