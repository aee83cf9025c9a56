package io.mml.runtime.report;

import io.mml.runtime.run.Journal;
import io.mml.runtime.run.StepMarker;
import io.mml.runtime.scheduler.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps of a run and the invocations that ran them, from its plan, its journal (steps run in
 * the command's process) and its step markers (steps run as cluster jobs, which win where both exist).
 *
 * @param steps every step of the plan, in plan order
 * @param invocations the commands that worked on the run, in order
 */
public record StepTimeline(List<StepRow> steps, List<Invocation> invocations) {
  public StepTimeline {
    steps = List.copyOf(steps);
    invocations = List.copyOf(invocations);
  }

  /** Builds the timeline; journal entries and markers of steps not in the plan are ignored. */
  public static StepTimeline of(List<String> plan, List<Journal.Entry> journal, Map<String, StepMarker> markers) {
    Map<String, Mutable> rows = new LinkedHashMap<>();
    for (int i = 0; i < plan.size(); i++) {
      rows.put(plan.get(i), new Mutable(i, plan.get(i)));
    }
    List<int[]> counts = new ArrayList<>(); // per invocation: ran, skipped, failed
    List<Instant> starts = new ArrayList<>();
    Set<String> finished = new HashSet<>();
    int invocation = 0;
    for (Journal.Entry e : journal) {
      Mutable r = rows.get(e.step());
      if (r == null) {
        continue;
      }
      if (e.status() == Journal.Status.STARTED && e.step().equals(Step.PREPARE)) {
        invocation++;
        starts.add(e.at());
        int skipped = (int) finished.stream().filter(s -> !s.equals(Step.PREPARE)).count();
        counts.add(new int[] {0, skipped, 0});
      }
      int[] c = invocation == 0 ? null : counts.get(invocation - 1);
      switch (e.status()) {
        case STARTED -> {
          r.attempts++;
          r.start = e.at();
          r.end = null;
          r.seconds = 0;
          r.error = null;
          r.invocation = invocation;
          r.state = StepState.UNFINISHED;
          if (c != null) {
            c[0]++;
          }
        }
        case DONE -> {
          r.end = e.at();
          r.seconds = e.seconds();
          r.state = invocation > 1 ? StepState.CONTINUED : StepState.DONE;
          finished.add(e.step());
        }
        case FAILED -> {
          r.end = e.at();
          r.seconds = e.seconds();
          r.error = e.error();
          r.state = StepState.FAILED;
          finished.remove(e.step());
          if (c != null) {
            c[2]++;
          }
        }
        default -> throw new IllegalStateException("unknown journal status " + e.status());
      }
    }
    markers.forEach((id, m) -> {
      Mutable r = rows.get(id);
      if (r != null) {
        r.apply(m);
      }
    });
    List<StepRow> steps = new ArrayList<>(rows.size());
    rows.values().forEach(r -> steps.add(r.row()));
    List<Invocation> invocations = new ArrayList<>();
    for (int i = 0; i < counts.size(); i++) {
      int[] c = counts.get(i);
      invocations.add(new Invocation(i + 1, starts.get(i), c[0], c[1], c[2]));
    }
    return new StepTimeline(steps, invocations);
  }

  /** How many steps are in each state, in the order of {@link StepState}. */
  public Map<StepState, Integer> counts() {
    Map<StepState, Integer> m = new LinkedHashMap<>();
    for (StepState s : StepState.values()) {
      m.put(s, 0);
    }
    steps.forEach(r -> m.merge(r.state(), 1, Integer::sum));
    return m;
  }

  /** The run's overall state: failed, unfinished (something did not run yet), or done. */
  public String overall() {
    Map<StepState, Integer> c = counts();
    if (c.get(StepState.FAILED) > 0) {
      return "failed";
    }
    boolean all = steps.stream().allMatch(r -> r.state().finished());
    return all ? "finished" : "unfinished";
  }

  /** The earliest start of any step, or null when none started. */
  public Instant firstStart() {
    return steps.stream().map(StepRow::start).filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
  }

  /** The latest end of any step, or null when none ended. */
  public Instant lastEnd() {
    return steps.stream().map(StepRow::end).filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
  }

  private static final class Mutable {
    final int index;
    final String id;
    StepState state = StepState.NOT_RUN;
    Instant start;
    Instant end;
    double seconds;
    int attempts;
    int invocation;
    String jobId;
    String host;
    String error;

    Mutable(int index, String id) {
      this.index = index;
      this.id = id;
    }

    void apply(StepMarker m) {
      jobId = m.jobId();
      host = m.host();
      attempts = Math.max(attempts, m.attempt());
      if (m.startedAt() != null) {
        start = m.startedAt();
      }
      end = m.endedAt();
      seconds = m.seconds();
      error = m.error();
      state = switch (m.status()) {
        case SUBMITTED -> StepState.SUBMITTED;
        case RUNNING -> StepState.RUNNING;
        case DONE -> m.attempt() > 1 ? StepState.CONTINUED : StepState.DONE;
        case FAILED -> StepState.FAILED;
        case CANCELLED -> StepState.CANCELLED;
      };
    }

    StepRow row() {
      Step s = Step.parse(id);
      return new StepRow(index, id, s.subroutine(), s.task(), s.fold(), state, start, end, seconds, attempts,
          invocation, jobId, host, error);
    }
  }
}
