package io.mml.runtime.train;

import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The INFO line per epoch: learning rate, losses, metrics and whether it was the best so far. */
final class EpochLogListener implements TrainingListener {
  private static final Logger LOG = LoggerFactory.getLogger(FoldTrainer.class);

  @Override
  public void onEpochEnd(TrainingLoop loop, EpochRecord r) {
    LOG.info("{}: epoch {}/{} lr {} train loss {} val loss {}{}{}", loop.job().name(), r.epoch() + 1,
        loop.options().maxEpochs(), String.format(Locale.ROOT, "%.2g", r.lr()), f(r.trainLoss()), f(r.valLoss()),
        describe(r.metrics()), loop.improved() ? " (best so far)" : "");
  }

  static String f(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }

  static String describe(Map<String, Double> metrics) {
    StringBuilder sb = new StringBuilder();
    metrics.forEach((k, v) -> sb.append(' ').append(k).append(' ').append(f(v)));
    return sb.toString();
  }
}
