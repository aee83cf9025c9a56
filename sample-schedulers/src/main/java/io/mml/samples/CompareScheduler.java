package io.mml.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.annotations.Mode;
import io.mml.annotations.PerTask;
import io.mml.annotations.Resources;
import io.mml.annotations.Subroutine;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.PathKey;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.toolkit.Features;
import io.mml.runtime.toolkit.TaskModel;
import io.mml.runtime.toolkit.TrainedModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A second example mode, written only with the author toolkit: step {@code fit} trains a small model
 * per task with the framework's trainer (the composed {@code arch}, {@code trainer},
 * {@code optimizer}, {@code lr_scheduler}, {@code sampling} and {@code augmentations}), saves it
 * like the train mode does (so {@code predict}, {@code test} and {@code reuse} work on it), reloads
 * it from its model storage and embeds the task's samples with its backbone; step {@code compare}
 * ranks the tasks by validation performance next to how spread out their embeddings are.
 */
@Mode(id = "compare", defaults = {"arch=mlp"},
    description = "Trains a small model per task with the toolkit, then compares the tasks (table and chart).")
public class CompareScheduler extends AbstractBaseScheduler {
  static final PathKey SUMMARY = PathKey.builder("compare_summary").folder("COMPARE").file("summary.json").perTask()
      .numbered().build();
  static final PathKey TABLE = PathKey.builder("compare_table").folder("COMPARE").file("comparison.csv").numbered()
      .build();
  static final PathKey CHART = PathKey.builder("compare_chart").folder("COMPARE").file("comparison.png").numbered()
      .build();

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected List<PathKey> pathKeys() {
    return List.of(SUMMARY, TABLE, CHART);
  }

  @Subroutine("fit")
  @PerTask
  @Resources(cpus = 2, memory = "4G", time = "1:00:00")
  void fit(TaskStruct task) throws IOException {
    TrainedModel trained = trainer(task, 0).fit();
    Path storage = saveModel(trained);
    // The stored model, as a later step or project would load it (reuse.models=<this project>).
    TaskModel model = model(task, storage);
    Features features = features(task, model);
    ObjectNode summary = JSON.createObjectNode();
    summary.put("task", task.name());
    summary.put("monitor", trained.result().monitor());
    summary.put("best_value", trained.bestValue());
    summary.put("best_epoch", trained.result().bestEpoch());
    summary.put("epochs", trained.result().history().size());
    summary.put("model_storage", files().relativize(storage));
    summary.put("feature_samples", features.size());
    summary.put("feature_dim", features.dim());
    summary.put("feature_spread", spread(features));
    Path file = files().claim(SUMMARY, task.name());
    AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
    task.putPath(SUMMARY.key(), file);
    log.info("{}: best {} {} after {} epochs; {} embeddings of width {}, spread {}", task.name(),
        trained.result().monitor(), fmt(trained.bestValue()), trained.result().history().size(), features.size(),
        features.dim(), fmt(summary.get("feature_spread").asDouble()));
  }

  @Subroutine("compare")
  void compare() throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (TaskStruct s : structs()) {
      Path p = s.path(SUMMARY.key()).orElseThrow(() -> new IllegalStateException("Task " + s.name() + " has no "
          + SUMMARY.key() + " artifact: run subroutine fit first (mode.subroutines=[fit,compare])."));
      rows.add(JSON.readTree(Files.readAllBytes(p)));
    }
    boolean higherIsBetter = !rows.isEmpty() && !rows.get(0).path("monitor").asText().endsWith("loss");
    Comparator<JsonNode> byValue = Comparator.comparingDouble(n -> n.path("best_value").asDouble());
    rows.sort(higherIsBetter ? byValue.reversed() : byValue);
    StringBuilder csv = new StringBuilder("rank,task,monitor,best_value,best_epoch,epochs,feature_dim,feature_spread\n");
    DefaultCategoryDataset chartData = new DefaultCategoryDataset();
    int rank = 0;
    double sum = 0;
    for (JsonNode n : rows) {
      rank++;
      csv.append(String.format(Locale.ROOT, "%d,%s,%s,%.6f,%d,%d,%d,%.6f%n", rank, n.path("task").asText(),
          n.path("monitor").asText(), n.path("best_value").asDouble(), n.path("best_epoch").asInt(),
          n.path("epochs").asInt(), n.path("feature_dim").asInt(), n.path("feature_spread").asDouble()));
      chartData.addValue(n.path("best_value").asDouble(), n.path("monitor").asText(), n.path("task").asText());
      sum += n.path("best_value").asDouble();
    }
    Path table = files().claim(TABLE);
    AtomicFiles.write(table, csv.toString().getBytes(StandardCharsets.UTF_8));
    JFreeChart chart = ChartFactory.createBarChart("Validation performance per task", "task",
        rows.isEmpty() ? "" : rows.get(0).path("monitor").asText(), chartData, PlotOrientation.VERTICAL, false, false,
        false);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(png, chart, 800, 480);
    Path chartFile = files().claim(CHART);
    AtomicFiles.write(chartFile, png.toByteArray());
    if (!rows.isEmpty()) {
      returnValue(sum / rows.size());
    }
    log.info("Comparison of {} tasks: {} and {}", rows.size(), table, chartFile);
  }

  /** The mean per-dimension standard deviation of the embeddings (0 when all samples embed alike). */
  static double spread(Features f) {
    if (f.size() == 0) {
      return 0;
    }
    double total = 0;
    for (int d = 0; d < f.dim(); d++) {
      double mean = 0;
      for (float[] row : f.values()) {
        mean += row[d];
      }
      mean /= f.size();
      double var = 0;
      for (float[] row : f.values()) {
        var += (row[d] - mean) * (row[d] - mean);
      }
      total += Math.sqrt(var / f.size());
    }
    return total / Math.max(1, f.dim());
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
