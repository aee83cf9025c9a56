package io.mml.runtime.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.config.Yaml;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.CsvLine;
import io.mml.runtime.sweep.SweepFolder.TrialState;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a sweep shows of itself, rewritten after every trial from its journal (so a killed sweep
 * shows what it got to): {@code sweep.yaml} (trials, parameters, objective, best),
 * {@code trials.csv}, {@code objective.png} (return value per trial and the best so far) and
 * {@code params.png} (return value against each swept parameter).
 */
final class SweepSummary {
  private static final Logger LOG = LoggerFactory.getLogger(SweepSummary.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private SweepSummary() {}

  static void write(SweepFolder sweep, HpoOptions hpo, boolean finished) throws IOException {
    List<TrialState> trials = sweep.trials();
    boolean minimize = hpo.minimize();
    List<String> keys = keys(trials);
    Optional<TrialState> best = SweepFolder.best(trials, minimize);
    AtomicFiles.write(sweep.dir().resolve(SweepFolder.SUMMARY),
        Yaml.write(yaml(sweep, hpo, trials, keys, best, finished)).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(sweep.dir().resolve("trials.csv"), csv(trials, keys).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(sweep.dir().resolve("objective.png"), objectivePlot(sweep.name(), trials, minimize));
    if (!keys.isEmpty()) {
      AtomicFiles.write(sweep.dir().resolve("params.png"), paramsPlot(trials, keys));
    }
    if (!finished) {
      return;
    }
    if (best.isPresent()) {
      LOG.info("Sweep {}: best trial {} with return value {} ({}); summary {}. Train with them: use_best_params={}",
          sweep.name(), best.get().number(), SweepFolder.format(best.get().value()),
          TrialJournal.overrides(best.get().params()), sweep.dir().resolve(SweepFolder.SUMMARY), sweep.name());
    } else {
      LOG.info("Sweep {}: {} trials, none set a return value; summary {}", sweep.name(), trials.size(),
          sweep.dir().resolve(SweepFolder.SUMMARY));
    }
  }

  private static List<String> keys(List<TrialState> trials) {
    Set<String> keys = new LinkedHashSet<>();
    trials.forEach(t -> keys.addAll(t.params().keySet()));
    return new ArrayList<>(keys);
  }

  private static ObjectNode yaml(SweepFolder sweep, HpoOptions hpo, List<TrialState> trials, List<String> keys,
      Optional<TrialState> best, boolean finished) {
    ObjectNode root = JSON.createObjectNode();
    root.put("sweep", sweep.name());
    root.put("mode", sweep.mode());
    root.put("finished", finished);
    ObjectNode objective = root.putObject("objective");
    objective.put("value", "return value of mode " + sweep.mode());
    objective.put("direction", hpo.direction());
    ObjectNode search = root.putObject("search");
    search.put("hpo", hpo.type());
    search.put("planned_trials", sweep.plannedTrials());
    search.put("parallel", hpo.parallel());
    ArrayNode params = root.putArray("params");
    keys.forEach(params::add);
    ArrayNode list = root.putArray("trials");
    for (TrialState t : trials) {
      ObjectNode n = list.addObject();
      n.put("trial", t.number());
      n.put("status", t.status());
      ObjectNode p = n.putObject("params");
      t.params().forEach(p::put);
      putValue(n, t.value());
      if (t.run() != null) {
        n.put("run", t.run());
      }
      if (t.error() != null) {
        n.put("error", t.error());
      }
    }
    if (best.isPresent()) {
      ObjectNode b = root.putObject("best");
      b.put("trial", best.get().number());
      ObjectNode p = b.putObject("params");
      best.get().params().forEach(p::put);
      putValue(b, best.get().value());
      b.put("run", best.get().run());
    } else {
      root.putNull("best");
    }
    return root;
  }

  private static void putValue(ObjectNode n, double v) {
    if (Double.isNaN(v)) {
      n.putNull("value");
    } else {
      n.put("value", v);
    }
  }

  private static String csv(List<TrialState> trials, List<String> keys) {
    List<String> header = new ArrayList<>(List.of("trial"));
    header.addAll(keys);
    header.addAll(List.of("status", "value"));
    StringBuilder csv = new StringBuilder(CsvLine.join(header)).append('\n');
    for (TrialState t : trials) {
      List<String> row = new ArrayList<>(List.of(Integer.toString(t.number())));
      keys.forEach(k -> row.add(t.params().getOrDefault(k, "")));
      row.add(t.status());
      row.add(SweepFolder.format(t.value()));
      csv.append(CsvLine.join(row)).append('\n');
    }
    return csv.toString();
  }

  private static byte[] objectivePlot(String name, List<TrialState> trials, boolean minimize) throws IOException {
    XYSeries values = new XYSeries("return value");
    XYSeries best = new XYSeries(minimize ? "best so far (lowest)" : "best so far (highest)");
    double bestValue = Double.NaN;
    for (TrialState t : trials) {
      if (t.status().equals("done") && !Double.isNaN(t.value())) {
        values.add(t.number(), t.value());
        if (Double.isNaN(bestValue) || (minimize ? t.value() < bestValue : t.value() > bestValue)) {
          bestValue = t.value();
        }
        best.add(t.number(), bestValue);
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(values);
    data.addSeries(best);
    JFreeChart chart = ChartFactory.createXYLineChart("Sweep " + name, "trial", "return value", data,
        PlotOrientation.VERTICAL, true, false, false);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(png, chart, 800, 480);
    return png.toByteArray();
  }

  /** One scatter per swept key, stacked: numbers on a linear (or, over > 2 decades, log) axis, other values as categories. */
  private static byte[] paramsPlot(List<TrialState> trials, List<String> keys) throws IOException {
    int w = 800;
    int h = 300;
    BufferedImage img = new BufferedImage(w, h * keys.size(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    for (int i = 0; i < keys.size(); i++) {
      scatter(trials, keys.get(i)).draw(g, new Rectangle2D.Double(0, (double) i * h, w, h));
    }
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(img, "png", png);
    return png.toByteArray();
  }

  private static JFreeChart scatter(List<TrialState> trials, String key) {
    List<TrialState> done = trials.stream()
        .filter(t -> t.status().equals("done") && !Double.isNaN(t.value()) && t.params().containsKey(key)).toList();
    boolean numeric = !done.isEmpty() && done.stream().allMatch(t -> number(t.params().get(key)) != null);
    List<String> categories = new ArrayList<>();
    XYSeries s = new XYSeries(key);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (TrialState t : done) {
      String v = t.params().get(key);
      double x;
      if (numeric) {
        x = number(v);
      } else {
        if (!categories.contains(v)) {
          categories.add(v);
        }
        x = categories.indexOf(v);
      }
      min = Math.min(min, x);
      max = Math.max(max, x);
      s.add(x, t.value());
    }
    JFreeChart chart = ChartFactory.createScatterPlot("return value by " + key, key, "return value",
        new XYSeriesCollection(s), PlotOrientation.VERTICAL, false, false, false);
    if (!numeric && !categories.isEmpty()) {
      chart.getXYPlot().setDomainAxis(new SymbolAxis(key, categories.toArray(String[]::new)));
    } else if (numeric && min > 0 && max / min > 100) {
      chart.getXYPlot().setDomainAxis(new LogAxis(key));
    }
    return chart;
  }

  private static Double number(String v) {
    try {
      double d = Double.parseDouble(v);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
