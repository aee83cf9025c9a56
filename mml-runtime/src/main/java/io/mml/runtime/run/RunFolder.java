package io.mml.runtime.run;

import java.nio.file.Path;
import java.util.List;

/**
 * A run folder ({@code <out>/<proj>/runs/<day>/<time>}) and the names of everything in it: the one
 * place those names are defined. Reading and writing stays with the owning types ({@link Journal},
 * {@link RunLock}, {@link StepMarkers}, the scheduler's plan and struct dump); they ask this type
 * where their file is.
 *
 * @param dir the run folder
 */
public record RunFolder(Path dir) {
  /** The composed configuration of the run. */
  public static final String CONFIG = "config.yaml";
  /** Run metadata: run id, mode, overrides, group choices, pid. */
  public static final String RUN = "run.json";
  /** The plan: every step id, in order. */
  public static final String PLAN = "plan.json";
  /** The append-only journal of step starts and ends. */
  public static final String JOURNAL = "journal.jsonl";
  /** The task structs, saved after every step. */
  public static final String STRUCTS = "task_dump.json";
  /** The return value, once a step set it. */
  public static final String RETURN_VALUE = "return_value.json";
  /** The lock held by the one process writing the run. */
  public static final String LOCK = ".lock";
  /** The run's own log. */
  public static final String LOG = "run.log";
  /** Stack traces of failed steps, one file per step. */
  public static final String FAILURES = "failures";
  /** Markers (and locks) of steps run as cluster jobs. */
  public static final String STEPS = "steps";
  /** Logs of cluster jobs. */
  public static final String LOGS = "logs";
  /** The run's HTML report, written when the run ends and by {@code mml report}. */
  public static final String REPORT = "report.html";
  /** The files that make a folder a run folder (written before the first step). */
  public static final List<String> REQUIRED = List.of(CONFIG, RUN, PLAN);

  public Path config() {
    return dir.resolve(CONFIG);
  }

  public Path runFile() {
    return dir.resolve(RUN);
  }

  public Path plan() {
    return dir.resolve(PLAN);
  }

  public Path journal() {
    return dir.resolve(JOURNAL);
  }

  public Path structs() {
    return dir.resolve(STRUCTS);
  }

  public Path returnValue() {
    return dir.resolve(RETURN_VALUE);
  }

  public Path lock() {
    return dir.resolve(LOCK);
  }

  public Path report() {
    return dir.resolve(REPORT);
  }

  /** The stack trace file of a failed step. */
  public Path failureFile(String stepId) {
    return dir.resolve(FAILURES).resolve(stepId.replaceAll("[^A-Za-z0-9_.=-]", "_") + ".txt");
  }
}
