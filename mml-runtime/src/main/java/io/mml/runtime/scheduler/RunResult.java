package io.mml.runtime.scheduler;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a finished run left behind.
 *
 * @param runDir the run folder
 * @param runId the run id ({@code <date>/<time>}), usable with {@code continue=}
 * @param stepsRun steps executed by this invocation (prepare and finish included)
 * @param stepsSkipped steps skipped because an earlier invocation finished them
 * @param returnValue the scheduler's return value, if it set one
 */
public record RunResult(Path runDir, String runId, int stepsRun, int stepsSkipped, Optional<Double> returnValue) {}
