package io.mml.runtime.report;

import io.mml.runtime.plots.SampleGrid;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskStruct;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Per classification model: test images with their predictions as small thumbnails (PNG data URIs),
 * wrongly predicted ones first and marked. Capped per model and per report so a report over many
 * tasks stays small.
 */
public final class SamplesSection implements RunSection {
  /** Thumbnails per model. */
  static final int PER_MODEL = 16;
  /** Thumbnails per report. */
  static final int PER_REPORT = 240;
  /** Edge of a thumbnail in pixels. */
  static final int TILE = 64;

  @Override
  public String id() {
    return "samples";
  }

  @Override
  public String title() {
    return "Test samples and predictions";
  }

  @Override
  public int order() {
    return 700;
  }

  @Override
  public boolean render(RunData run, Html out) throws IOException {
    List<TestPredictions> all = TestPredictions.of(run).stream()
        .filter(p -> p.task().description() != null && Files.isRegularFile(p.task().description())).toList();
    if (all.isEmpty()) {
      return false;
    }
    int budget = PER_REPORT;
    for (TestPredictions p : all) {
      List<TestPredictions.Row> chosen = choose(p.rows(), Math.min(PER_MODEL, budget));
      budget -= chosen.size();
      long wrong = p.rows().stream().filter(r -> r.target() != r.prediction()).count();
      Blocks.open(out, p.task().name() + " fold " + p.model().fold() + ": " + wrong + " of " + p.rows().size()
          + " test samples predicted wrong", all.size(), p.task().name());
      if (chosen.isEmpty()) {
        out.el("p", "Thumbnail budget of this report (" + PER_REPORT + ") used up.", "class", "muted");
      } else {
        grid(out, p, chosen);
      }
      out.close("details");
    }
    return true;
  }

  /** Wrong predictions first (up to half the places, more when there are few right ones), then right ones. */
  static List<TestPredictions.Row> choose(List<TestPredictions.Row> rows, int n) {
    List<TestPredictions.Row> wrong = rows.stream().filter(r -> r.target() != r.prediction()).toList();
    List<TestPredictions.Row> right = rows.stream().filter(r -> r.target() == r.prediction()).toList();
    int w = Math.min(wrong.size(), Math.max(n / 2, n - right.size()));
    List<TestPredictions.Row> out = new ArrayList<>(wrong.subList(0, w));
    out.addAll(right.subList(0, Math.min(right.size(), n - w)));
    return out;
  }

  private static void grid(Html out, TestPredictions p, List<TestPredictions.Row> chosen) throws IOException {
    TaskStruct struct = new TaskStruct(p.task().name(), TaskDescriptions.readHeader(p.task().description()),
        p.task().description());
    Map<String, Map<String, Object>> samples = struct.description().testSamples();
    out.open("div", "class", "grid-samples", "data-task", p.task().name());
    for (TestPredictions.Row r : chosen) {
      Map<String, Object> sample = samples.get(r.sampleId());
      Object image = sample == null ? null : sample.get("image");
      if (image == null) {
        continue;
      }
      byte[] png = SampleGrid.tilePng(struct.resolveSample(image.toString()), TILE);
      boolean ok = r.target() == r.prediction();
      out.open("figure", "class", ok ? "right" : "wrong", "data-sample", r.sampleId());
      out.empty("img", "src", "data:image/png;base64," + Base64.getEncoder().encodeToString(png), "alt", r.sampleId(),
          "loading", "lazy", "width", TILE, "height", TILE);
      out.el("figcaption", (ok ? "\u2713 " + p.name(r.prediction()) : "\u2717 " + p.name(r.prediction()) + " (true: "
          + p.name(r.target()) + ")") + " " + Numbers.metric(r.confidence()));
      out.close("figure");
    }
    out.close("div");
  }
}
