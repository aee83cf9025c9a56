package io.mml.runtime.sweep;

import io.mml.runtime.files.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The table ({@code trials.csv}) and objective plot ({@code objective.png}) of a finished sweep. */
final class SweepSummary {
  private static final Logger LOG = LoggerFactory.getLogger(SweepSummary.class);

  private SweepSummary() {}

  static void write(Path sweepDir, List<Trial> trials, boolean minimize) throws IOException {
    Set<String> keys = new LinkedHashSet<>();
    trials.forEach(t -> keys.addAll(t.assignment().keySet()));
    List<String> keyList = new ArrayList<>(keys);
    StringBuilder csv = new StringBuilder("trial");
    keyList.forEach(k -> csv.append(',').append(k));
    csv.append(",value\n");
    XYSeries values = new XYSeries("return value");
    XYSeries best = new XYSeries(minimize ? "best so far (lowest)" : "best so far (highest)");
    double bestValue = Double.NaN;
    Trial bestTrial = null;
    for (Trial t : trials) {
      csv.append(t.number());
      for (String k : keyList) {
        csv.append(',').append(quote(t.assignment().getOrDefault(k, "")));
      }
      csv.append(',').append(SweepRunner.format(t.value())).append('\n');
      if (!Double.isNaN(t.value())) {
        values.add(t.number(), t.value());
        if (Double.isNaN(bestValue) || (minimize ? t.value() < bestValue : t.value() > bestValue)) {
          bestValue = t.value();
          bestTrial = t;
        }
        best.add(t.number(), bestValue);
      }
    }
    AtomicFiles.write(sweepDir.resolve("trials.csv"), SweepRunner.utf8(csv.toString()));
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(values);
    data.addSeries(best);
    JFreeChart chart = ChartFactory.createXYLineChart("Sweep " + sweepDir.getFileName(), "trial", "return value", data,
        PlotOrientation.VERTICAL, true, false, false);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(png, chart, 800, 480);
    AtomicFiles.write(sweepDir.resolve("objective.png"), png.toByteArray());
    if (bestTrial != null) {
      LOG.info("Sweep {}: best trial {} with return value {} ({}); table {}", sweepDir.getFileName(),
          bestTrial.number(), SweepRunner.format(bestValue), TrialJournal.overrides(bestTrial.assignment()),
          sweepDir.resolve("trials.csv"));
    } else {
      LOG.info("Sweep {}: {} trials, none set a return value; table {}", sweepDir.getFileName(), trials.size(),
          sweepDir.resolve("trials.csv"));
    }
  }

  private static String quote(String v) {
    return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
