package io.mml.runtime.report;

import io.mml.runtime.config.Config;
import io.mml.runtime.scheduler.RunContext;
import io.mml.runtime.scheduler.RunEndHook;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes {@code report.html} into the run folder when a run ends, unless {@code report=false}. */
public final class ReportHook implements RunEndHook {
  private static final Logger LOG = LoggerFactory.getLogger(ReportHook.class);

  @Override
  public void checkConfig(Config config) {
    ReportOptions.enabled(config);
  }

  @Override
  public void runEnded(RunContext ctx, String runId) throws Exception {
    if (!ReportOptions.enabled(ctx.config())) {
      return;
    }
    Path file = RunReport.write(ctx.files());
    LOG.info("Report of run {}: {}", runId, file);
  }
}
