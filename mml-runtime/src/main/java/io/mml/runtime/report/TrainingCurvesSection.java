package io.mml.runtime.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Per model of the run: its losses and validation metrics per epoch (from the model storage), best epoch marked. */
public final class TrainingCurvesSection implements RunSection {
  private static final Set<String> NOT_PLOTTED = Set.of("epoch", "lr", "seconds", "joint_val_loss");

  @Override
  public String id() {
    return "curves";
  }

  @Override
  public String title() {
    return "Training curves";
  }

  @Override
  public int order() {
    return 400;
  }

  @Override
  public boolean render(RunData run, Html out) {
    List<ModelInfo> models = run.models().stream().filter(m -> !m.epochs().isEmpty()).toList();
    if (models.isEmpty()) {
      return false;
    }
    for (ModelInfo m : models) {
      Blocks.open(out, m.task() + " fold " + m.fold() + ": best " + m.monitor() + " " + Numbers.metric(m.performance())
          + " at epoch " + (m.bestEpoch() + 1) + " of " + m.epochs().size() + " (" + Numbers.seconds(m.trainingSeconds())
          + ")", models.size(), m.task());
      Set<String> keys = new LinkedHashSet<>();
      m.epochs().forEach(e -> keys.addAll(e.keySet()));
      keys.removeAll(NOT_PLOTTED);
      List<SvgLineChart.Series> losses = new ArrayList<>();
      List<SvgLineChart.Series> metrics = new ArrayList<>();
      for (String k : keys) {
        (k.endsWith("loss") ? losses : metrics).add(new SvgLineChart.Series(k, values(m.epochs(), k)));
      }
      out.open("div", "class", "charts");
      SvgLineChart.draw(out, m.task() + " fold " + m.fold() + ": losses", losses, m.bestEpoch() + 1);
      SvgLineChart.draw(out, m.task() + " fold " + m.fold() + ": validation metrics", metrics, m.bestEpoch() + 1);
      out.close("div");
      out.el("p", "model storage " + m.path(), "class", "muted");
      out.close("details");
    }
    return true;
  }

  private static double[] values(List<Map<String, Double>> epochs, String key) {
    double[] ys = new double[epochs.size()];
    for (int i = 0; i < ys.length; i++) {
      ys[i] = epochs.get(i).getOrDefault(key, Double.NaN);
    }
    return ys;
  }
}
