package io.mml.runtime.scheduler;

/**
 * How the steps of a planned run are executed (the executor SPI): {@code local} runs them one after
 * the other in this process (built into the {@link Engine}); others, such as {@code slurm}, are found
 * through {@code META-INF/services/io.mml.runtime.scheduler.RunExecutor} and chosen with
 * {@code executor=<name>} (config key {@code executor.name}).
 *
 * <p>An executor is called after every check passed, with the run folder created (or reopened for a
 * continue), its plan saved and its lock held.
 */
public interface RunExecutor {
  /** The name selected by {@code executor.name}. */
  String name();

  /** Executes (or submits) the steps of the run that have not finished. */
  RunResult execute(Execution execution) throws Exception;

  /** What an executor gets from the engine. */
  interface Execution {
    /** The run. */
    RunContext context();

    /** The mode id. */
    String mode();

    /** The run id ({@code YYYY-MM-DD/HH-MM-SS-mmm}). */
    String runId();

    /** The plan. */
    Plan plan();

    /** The steps finished before this invocation (journal and step markers). */
    java.util.Set<String> done();

    /** What one step of a subroutine needs on a cluster ({@code @Resources}). */
    ResourceSpec resources(Step step);

    /**
     * Runs one step in this process exactly as the local executor would (seeded, journaled, the
     * structs dumped afterwards). {@code prepare} must run first in every process that runs steps.
     */
    void runHere(Step step) throws Exception;
  }
}
