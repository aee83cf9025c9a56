package io.mml.runtime.cluster;

import io.mml.runtime.run.Journal;
import io.mml.runtime.run.StepMarker;
import io.mml.runtime.run.StepMarkers;
import io.mml.runtime.scheduler.Plan;
import io.mml.runtime.run.RunLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The state of every step of a run, reconstructed from the step markers and (for steps without a
 * marker: local runs, or steps never submitted) the journal, with the Slurm queue telling whether
 * a submitted or started job is still alive. The queue is read before the markers, so a job that
 * left the queue has written its last marker by the time it is read: a marker still saying
 * "running" then means the job died with its node (LOST).
 */
public record RunStatus(Path runDir, List<StepState> steps, boolean queueKnown) {

  /** What status shows for a step. */
  public enum State {
    DONE, FAILED, RUNNING, PENDING, LOST, CANCELLED, INTERRUPTED, NOT_RUN;

    /** Whether a job (or process) is still working on it. */
    public boolean active() {
      return this == RUNNING || this == PENDING;
    }
  }

  /** One step: its state, its marker (if any) and a human-readable detail. */
  public record StepState(String step, State state, StepMarker marker, String detail) {}

  /**
   * Reconstructs the state.
   *
   * @param queue the Slurm queue, read before this call; empty when it could not be read
   */
  public static RunStatus of(Path runDir, Plan plan, Optional<Map<String, SlurmClient.QueuedJob>> queue) {
    Map<String, StepMarker> markers = StepMarkers.readAll(runDir, plan.ids());
    Map<String, Journal.Entry> journal = Journal.latestByStep(Journal.read(runDir));
    boolean localRunning = markers.isEmpty() && RunLock.isHeld(runDir);
    List<StepState> out = new ArrayList<>();
    for (String id : plan.ids()) {
      StepMarker m = markers.get(id);
      if (m == null) {
        Journal.Entry e = journal.get(id);
        if (e == null) {
          out.add(new StepState(id, State.NOT_RUN, null, ""));
        } else {
          switch (e.status()) {
            case DONE -> out.add(new StepState(id, State.DONE, null, String.format(Locale.ROOT, "%.2f s", e.seconds())));
            case FAILED -> out.add(new StepState(id, State.FAILED, null, e.error()));
            default -> out.add(new StepState(id, localRunning ? State.RUNNING : State.INTERRUPTED, null,
                localRunning ? "running in process" : "started at " + e.at() + ", never finished (process stopped)"));
          }
        }
        continue;
      }
      SlurmClient.QueuedJob job = queue.map(q -> m.jobId() == null ? null : q.get(m.jobId())).orElse(null);
      String where = m.jobId() == null ? "" : "job " + m.jobId();
      switch (m.status()) {
        case DONE -> out.add(new StepState(id, State.DONE, m, String.format(Locale.ROOT, "%.2f s", m.seconds())));
        case FAILED -> out.add(new StepState(id, State.FAILED, m, m.error()));
        case CANCELLED -> out.add(new StepState(id, State.CANCELLED, m, m.error() == null ? "cancelled" : m.error()));
        case SUBMITTED -> {
          if (queue.isEmpty()) {
            out.add(new StepState(id, State.PENDING, m, where + " submitted (queue not readable)"));
          } else if (job != null) {
            boolean running = job.state().equals("RUNNING") || job.state().equals("COMPLETING");
            out.add(new StepState(id, running ? State.RUNNING : State.PENDING, m,
                where + " " + job.state().toLowerCase(Locale.ROOT) + (job.reason().isBlank() || running ? ""
                    : " (" + job.reason() + ")")));
          } else {
            out.add(new StepState(id, State.CANCELLED, m, where + " left the queue without starting"
                + " (a step it depends on failed, or it was cancelled)"));
          }
        }
        case RUNNING -> {
          if (queue.isEmpty()) {
            out.add(new StepState(id, State.RUNNING, m, where + " on " + m.host() + " (queue not readable)"));
          } else if (job != null) {
            out.add(new StepState(id, State.RUNNING, m, where + " on " + m.host() + " since " + m.startedAt()));
          } else if (m.jobId() != null && m.jobId().startsWith("pid")) {
            boolean alive = ProcessHandle.of(Long.parseLong(m.jobId().substring(3))).isPresent();
            out.add(new StepState(id, alive ? State.RUNNING : State.LOST, m, "process " + m.pid() + " on " + m.host()));
          } else {
            out.add(new StepState(id, State.LOST, m, where + " started on " + m.host() + " at " + m.startedAt()
                + ", gone from the queue without an end marker (node lost or job killed)"));
          }
        }
        default -> throw new IllegalStateException(m.status().toString());
      }
    }
    return new RunStatus(runDir, List.copyOf(out), queue.isPresent());
  }

  /** The state of one step. */
  public StepState step(String id) {
    return steps.stream().filter(s -> s.step().equals(id)).findFirst().orElseThrow();
  }

  /** Whether any step is pending or running. */
  public boolean active() {
    return steps.stream().anyMatch(s -> s.state().active());
  }

  /** Whether every step is done. */
  public boolean finished() {
    return steps.stream().allMatch(s -> s.state() == State.DONE);
  }

  /** The steps in a state. */
  public List<StepState> in(State state) {
    return steps.stream().filter(s -> s.state() == state).toList();
  }

  /** A table for the console. */
  public String render(String runId) {
    StringBuilder sb = new StringBuilder();
    long done = steps.stream().filter(s -> s.state() == State.DONE).count();
    sb.append("Run ").append(runId).append(": ").append(done).append(" of ").append(steps.size())
        .append(" steps done");
    for (State s : List.of(State.RUNNING, State.PENDING, State.FAILED, State.LOST, State.CANCELLED,
        State.INTERRUPTED)) {
      int n = in(s).size();
      if (n > 0) {
        sb.append(", ").append(n).append(' ').append(s.name().toLowerCase(Locale.ROOT));
      }
    }
    sb.append('\n');
    int w = Math.max(4, steps.stream().mapToInt(s -> s.step().length()).max().orElse(4));
    sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-11s  %s%n", "STEP", "STATE", "DETAIL"));
    for (StepState s : steps) {
      sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-11s  %s%n", s.step(), s.state(),
          s.detail() == null ? "" : s.detail()));
      if ((s.state() == State.FAILED || s.state() == State.LOST) && s.marker() != null && s.marker().log() != null) {
        sb.append(" ".repeat(w + 2)).append("log: ").append(s.marker().log()).append('\n');
      }
    }
    return sb.toString();
  }
}
