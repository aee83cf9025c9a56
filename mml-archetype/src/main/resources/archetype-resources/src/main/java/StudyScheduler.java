package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.PerTask;
import io.mml.annotations.Subroutine;
import io.mml.runtime.data.Sample;
import io.mml.runtime.data.SampleBatches;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.PathKey;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.tasks.TaskStruct;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * An example mode to start from: step {@code measure} reads each task's images through its data
 * module (shaped by this mode's defaults: {@code sampling.sample_num} images per task, pixel values
 * in [0, 1]) and records how bright they are; step {@code summarize} writes one table for all tasks.
 *
 * <p>Run it: {@code mvn -q compile exec:exec -Dmml.args="study tasks=demo mode.threshold=0.4"}.
 */
@Mode(id = "study", defaults = {"augmentations=no_norm", "sampling=extraction_default"},
    description = "Brightness of each task's images, then one table for all tasks.")
public class StudyScheduler extends AbstractBaseScheduler {
  static final PathKey BRIGHTNESS = PathKey.builder("brightness").file("brightness.json").perTask().numbered()
      .reusable().build();
  static final PathKey TABLE = PathKey.builder("study_table").folder("STUDY").file("brightness.csv").numbered()
      .build();

  private static final ObjectMapper JSON = new ObjectMapper();

  @Param(defaultValue = "0.5", doc = "An image whose mean pixel value is above this counts as bright.")
  double threshold;

  @Override
  protected List<PathKey> pathKeys() {
    return List.of(BRIGHTNESS, TABLE);
  }

  @Subroutine("measure")
  @PerTask
  void measure(TaskStruct task) throws IOException {
    TaskDataset images = datamodule(task).sampled();
    int n = 0;
    int bright = 0;
    double sum = 0;
    try (SampleBatches batches = images.sampleBatches(0, images.sampling().batchSize())) {
      while (batches.hasNext()) {
        for (Sample sample : batches.next()) {
          double mean = mean(sample.image().pixels());
          sum += mean;
          n++;
          if (mean > threshold) {
            bright++;
          }
        }
      }
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("task", task.name());
    out.put("images", n);
    out.put("mean", n == 0 ? 0 : sum / n);
    out.put("bright_fraction", n == 0 ? 0 : (double) bright / n);
    Path file = files().claim(BRIGHTNESS, task.name());
    AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(out));
    task.putPath(BRIGHTNESS.key(), file);
    log.info("{}: {} images, mean {}, bright {}", task.name(), n, out.get("mean"), out.get("bright_fraction"));
  }

  @Subroutine("summarize")
  void summarize() throws IOException {
    StringBuilder csv = new StringBuilder("task,images,mean,bright_fraction\n");
    double total = 0;
    for (TaskStruct s : structs()) {
      Path p = s.path(BRIGHTNESS.key()).orElseThrow(() -> new IllegalStateException("Task " + s.name()
          + " has no brightness yet: run subroutine measure first (mode.subroutines=[measure,summarize])."));
      JsonNode n = JSON.readTree(Files.readAllBytes(p));
      csv.append(String.format(Locale.ROOT, "%s,%d,%.6f,%.6f%n", s.name(), n.get("images").asInt(),
          n.get("mean").asDouble(), n.get("bright_fraction").asDouble()));
      total += n.get("bright_fraction").asDouble();
    }
    Path table = files().claim(TABLE);
    AtomicFiles.write(table, csv.toString().getBytes(StandardCharsets.UTF_8));
    if (!structs().isEmpty()) {
      returnValue(total / structs().size());
    }
    log.info("Brightness of {} tasks: {}", structs().size(), table);
  }

  private static double mean(float[] pixels) {
    double s = 0;
    for (float v : pixels) {
      s += v;
    }
    return pixels.length == 0 ? 0 : s / pixels.length;
  }
}
