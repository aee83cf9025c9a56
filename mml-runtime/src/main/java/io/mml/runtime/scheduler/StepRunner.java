package io.mml.runtime.scheduler;

import io.mml.runtime.errors.MmlException;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.run.Journal;
import io.mml.runtime.run.RunFolder;
import io.mml.runtime.run.StepMarkers;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.tasks.TaskStructs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one step, the same wherever it runs (the local loop, an executor running a step in
 * its own process, a cluster job): seed the step, record its start, run it ({@code prepare},
 * {@code finish} or the mode's subroutine), make its struct changes durable, save the return value,
 * record the end (after {@code finish}: call the {@link RunEndHook}s); on failure record it, save the
 * stack trace as {@code failures/<step>.txt} and throw one {@link StepFailedException} that says how to
 * resume. Only where the start, end and
 * struct changes are recorded differs: a {@link Record}.
 *
 * @param <S> the scheduler type
 */
final class StepRunner<S extends AbstractBaseScheduler> {
  private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

  /** Where a step's start, struct changes, end and failure are recorded. */
  interface Record {
    /** The step is about to run. */
    void started(Step step, Instant at) throws IOException;

    /** The step's body returned: make its struct changes durable (before the end is recorded). */
    void persist(Step step) throws IOException;

    /** The step finished (its changes and the return value are saved). */
    void done(Step step, Instant at, double seconds) throws IOException;

    /** The step failed; best effort, never throws. */
    void failed(Step step, Instant at, double seconds, Throwable cause);

    /** A sentence to add to the failure message (e.g. where the job's log is), or "". */
    default String whereToLook() {
      return "";
    }
  }

  private final Routine<S> routine;
  private final S scheduler;
  private final RunContext ctx;
  private final RunFolder folder;
  private final String runId;
  private final Clock clock;

  StepRunner(Routine<S> routine, S scheduler, RunContext ctx, String runId, Clock clock) {
    this.routine = routine;
    this.scheduler = scheduler;
    this.ctx = ctx;
    this.folder = new RunFolder(ctx.runDir());
    this.runId = runId;
    this.clock = clock;
  }

  /**
   * Runs {@code step}.
   *
   * @param done the steps finished before this invocation ({@code prepare} keeps their artifacts)
   * @return the step's duration in seconds
   * @throws StepFailedException when the step (or recording its outcome) failed
   */
  double run(Step step, Set<String> done, Record record) throws Exception {
    ctx.files().beginStep(step.id());
    scheduler.beginStep(Seeding.stepRandom(ctx.seed(), step.id()));
    Seeding.apply(ctx.seed(), step.id());
    record.started(step, Instant.now(clock));
    long t0 = System.nanoTime();
    try {
      switch (step.subroutine()) {
        case Step.PREPARE -> prepare(scheduler, ctx, done);
        case Step.FINISH -> finish(scheduler, ctx);
        default -> routine.run(scheduler, step);
      }
      record.persist(step);
      // Saved as soon as it is set, so a continued run keeps a value set by a step it skips.
      RunRecords.writeReturnValue(ctx.runDir(), scheduler.returnValue());
    } catch (Exception | Error e) {
      double secs = seconds(t0);
      Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
      record.failed(step, Instant.now(clock), secs, cause);
      Path trace = writeFailure(step, cause);
      String what = cause instanceof MmlException ? cause.getMessage() : String.valueOf(cause);
      LOG.error("Step {} failed after {} s: {}", step.id(), String.format("%.2f", secs), what);
      String where = record.whereToLook();
      throw new StepFailedException(step.id(), "Step " + step.id() + " of run " + runId + " failed: " + what
          + (what != null && what.endsWith(".") ? "" : ".") + " Fix the cause, then resume from this step with: mml "
          + routine.modeId() + " continue=" + runId + " (finished steps are kept)." + (where.isEmpty() ? "" : " "
          + where) + " Stack trace: " + trace, cause);
    }
    double secs = seconds(t0);
    record.done(step, Instant.now(clock), secs);
    if (step.subroutine().equals(Step.FINISH)) {
      RunEndHooks.fire(ctx, runId); // after finish is recorded, so the hooks see a finished run
    }
    return secs;
  }

  /**
   * @param done the steps finished before this invocation (read before prepare journaled its own start,
   *     which would otherwise hide that an earlier prepare finished and discard its artifacts)
   */
  static void prepare(AbstractBaseScheduler scheduler, RunContext ctx, Set<String> done) throws Exception {
    Path dump = new RunFolder(ctx.runDir()).structs();
    TaskStructs structs = ctx.structs();
    if (ctx.continued() && Files.exists(dump)) {
      TaskStructs loaded = TaskStructs.load(dump, ctx.tasks(), ctx.files());
      for (var s : loaded.all()) {
        structs.add(s);
      }
      // Steps run as cluster jobs record their struct changes in their own markers (not in the dump).
      if (StepMarkers.any(ctx.runDir())) {
        StepMarkers.apply(structs, ctx.files(),
            StepMarkers.readAll(ctx.runDir(), Plan.read(ctx.runDir()).ids()).values());
      }
      ctx.files().discardUnfinishedArtifacts(done);
    } else {
      for (String name : ctx.taskList()) {
        String pp = scheduler.resolvedPreprocessingId();
        TaskStruct struct = new TaskStruct(name, ctx.tasks().header(name, pp), ctx.tasks().descriptionPath(name, pp));
        // Artifacts of earlier projects named by `reuse` are attached before the first step.
        ctx.files().reusables(name).forEach(struct::putPath);
        structs.add(struct);
      }
    }
    if (ctx.continued()) {
      // Temp files of writes a kill interrupted (also when the kill hit the very first struct dump). Safe: this
      // process holds the run lock, and prepare never runs as a cluster job.
      ctx.files().removeStaleTempFiles();
    }
    scheduler.runAfterPreparation();
  }

  static void finish(AbstractBaseScheduler scheduler, RunContext ctx) throws Exception {
    scheduler.runBeforeFinishing();
    ctx.files().removeIntermediates();
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Saves the failure's stack trace as {@code <run>/failures/<step>.txt}; returns the file. */
  private Path writeFailure(Step step, Throwable cause) {
    Path file = folder.failureFile(step.id());
    try {
      Files.createDirectories(file.getParent());
      StringWriter sw = new StringWriter();
      cause.printStackTrace(new PrintWriter(sw));
      AtomicFiles.writeString(file, "step: " + step.id() + "\n" + sw);
    } catch (IOException e) {
      LOG.warn("Could not save the stack trace of step {} to {}", step.id(), file, e);
    }
    return file;
  }

  /**
   * The local record: the run's journal, and the struct dump after every step but {@code finish}
   * (the dump is what a continued run, and every later process, starts from).
   */
  static Record journal(Journal journal, RunContext ctx) {
    RunFolder folder = new RunFolder(ctx.runDir());
    return new Record() {
      @Override
      public void started(Step step, Instant at) throws IOException {
        journal.append(new Journal.Entry(step.id(), Journal.Status.STARTED, at, 0, null));
      }

      @Override
      public void persist(Step step) throws IOException {
        if (!step.subroutine().equals(Step.FINISH)) {
          ctx.structs().dump(folder.structs(), ctx.files());
        }
      }

      @Override
      public void done(Step step, Instant at, double seconds) throws IOException {
        journal.append(new Journal.Entry(step.id(), Journal.Status.DONE, at, seconds, null));
      }

      @Override
      public void failed(Step step, Instant at, double seconds, Throwable cause) {
        try {
          journal.append(new Journal.Entry(step.id(), Journal.Status.FAILED, at, seconds, String.valueOf(cause)));
        } catch (IOException | RuntimeException e) {
          LOG.warn("Could not journal the failure of step {}", step.id(), e);
        }
      }
    };
  }
}
