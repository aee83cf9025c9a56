package io.mml.runtime.scheduler;

import io.mml.runtime.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls every {@link RunEndHook} on the class path; a failing hook is a warning, never the run's failure. */
final class RunEndHooks {
  private static final Logger LOG = LoggerFactory.getLogger(RunEndHooks.class);

  private RunEndHooks() {}

  /** Lets every hook check its config keys (before the run writes anything); throws the first problem. */
  static void check(Config config) {
    for (RunEndHook hook : load()) {
      hook.checkConfig(config);
    }
  }

  /** Runs the hooks of the class path for a run that ended. */
  static void fire(RunContext ctx, String runId) {
    List<RunEndHook> hooks;
    try {
      hooks = load();
    } catch (java.util.ServiceConfigurationError e) {
      LOG.warn("Run {}: could not load the run-end hooks ({}); the run itself is complete.", runId, e.getMessage());
      return;
    }
    for (RunEndHook hook : hooks) {
      try {
        hook.runEnded(ctx, runId);
      } catch (Exception | LinkageError e) {
        LOG.warn("Run {}: {} failed after the run ended ({}); the run itself is complete and unaffected.", runId,
            hook.getClass().getName(), String.valueOf(e));
        LOG.debug("Run-end hook failure", e);
      }
    }
  }

  private static List<RunEndHook> load() {
    List<RunEndHook> hooks = new ArrayList<>();
    ServiceLoader.load(RunEndHook.class, RunEndHooks.class.getClassLoader()).forEach(hooks::add);
    return hooks;
  }
}
