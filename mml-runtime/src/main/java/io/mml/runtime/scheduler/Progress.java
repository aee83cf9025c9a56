package io.mml.runtime.scheduler;

import io.mml.runtime.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Console progress of a run: one line per step with its position, time and an estimate of the rest. */
final class Progress {
  private static final Logger LOG = LoggerFactory.getLogger("mml.progress");

  private final int total;
  private final boolean enabled;
  private final long startNanos = System.nanoTime();
  private int executed;

  Progress(int total, Config config) {
    this.total = total;
    boolean on = true;
    if (config.has("logging.progress")) {
      on = config.getBoolean("logging.progress");
    }
    this.enabled = on;
  }

  void skipped(int index, Step step) {
    if (enabled) {
      LOG.info("{} {} (finished earlier, skipped)", position(index), step.id());
    }
  }

  void started(int index, Step step) {
    if (enabled) {
      LOG.info("{} {} ...", position(index), step.id());
    }
  }

  void finished(int index, Step step, double seconds) {
    executed++;
    if (!enabled) {
      return;
    }
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    int left = total - index - 1;
    String eta = left > 0 ? String.format(", about %.1f s left", elapsed / executed * left) : "";
    LOG.info("{} {} done in {}{}", position(index), step.id(), String.format("%.2f s", seconds), eta);
  }

  private String position(int index) {
    int width = Integer.toString(total).length();
    int filled = (int) Math.round(20.0 * (index + 1) / total);
    return "[" + "#".repeat(filled) + ".".repeat(20 - filled) + "] "
        + String.format("%" + width + "d/%d", index + 1, total);
  }
}
