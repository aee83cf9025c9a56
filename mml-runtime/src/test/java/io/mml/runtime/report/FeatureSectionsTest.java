package io.mml.runtime.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.files.FileManager;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sections of newer features (post mode, sweeps, similarity maps) on synthetic files: numbers, images, escaping. */
class FeatureSectionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A folder name that is also markup ({@code /} cannot be in a folder name). */
  static final String HOSTILE_DIR = "s<b>&'x";
  static final String HOSTILE_DIR_ESCAPED = "s&lt;b&gt;&amp;&#39;x";

  @TempDir
  Path tmp;

  @Test
  void calibrationReportReliabilityDiagramAndEnsembleShowWithTheirNumbers() throws IOException {
    FileManager files = SyntheticRun.write(tmp, "p", List.of("a"), 1, false);
    Path proj = tmp.resolve("p");
    String model = "p/MODELS/a/model_storage_fold0_0000.json";
    Path report = write(proj.resolve("CALIBRATION/a/report_0000.csv"), "model,fold,method,split,samples,nll_before,"
        + "nll_after,ece_before,ece_after,brier_before,brier_after,accuracy_before,accuracy_after\n"
        + "\"" + SyntheticRun.HOSTILE.replace("\"", "\"\"") + "\",0,temperature,test,10,0.812345,0.512345,0.150000,"
        + "0.031250,0.400000,0.300000,0.700000,0.700000\n");
    byte[] png = png(3);
    Path diagram = proj.resolve("CALIBRATION/a/reliability_fold0_0000.png");
    Files.write(diagram, png);
    ObjectNode e = JSON.createObjectNode().put("task", "a").put("calibrated", true);
    e.putArray("members").addObject().put("storage", SyntheticRun.HOSTILE).put("weight", 0.75).put("count", 3);
    e.withArray("members").addObject().put("storage", model).put("weight", 0.25).put("count", 1);
    e.putArray("library").add(SyntheticRun.HOSTILE).add(model).add("p/MODELS/a/other.json");
    ObjectNode m = e.putObject("metrics");
    m.putObject("ensemble").put("log_loss", 0.4321).put("accuracy", 0.9);
    m.put("best_single_model", model);
    m.putObject("members").putObject(SyntheticRun.HOSTILE).put("log_loss", 0.55).put("accuracy", 0.8);
    Path ensemble = write(proj.resolve("ENSEMBLES/a/ensemble_0000.json"), e.toString());
    claim(files, "calibration_report", "a", report);
    claim(files, "reliability", "a", diagram);
    claim(files, "ensemble", "a", ensemble);
    claim(files, "ensemble", "a", proj.resolve("ENSEMBLES/a/gone_0001.json"));

    String html = Files.readString(RunReport.write(files));
    assertTrue(html.contains("<section id=\"post\"><h2>Calibration and ensembles</h2>"), html);
    assertTrue(html.contains("<td>" + SyntheticRun.HOSTILE_ESCAPED + "</td><td class=\"num\" data-v=\"0\""), html);
    for (String n : List.of("0.8123", "0.5123", "0.1500", "0.0313", "0.4000", "0.3000", "0.7000")) {
      assertTrue(html.contains(">" + n + "</td>"), n);
    }
    assertTrue(html.contains("data:image/png;base64," + Base64.getEncoder().encodeToString(png)), "inline diagram");
    assertTrue(html.contains("Ensemble of 2 of 3 models (calibrated)"));
    assertTrue(html.contains("<tr class=\"ensemble\"><td>ensemble</td><td></td><td></td><td class=\"num\" "
        + "data-v=\"0.4321\" data-metric=\"log_loss\">0.4321</td>"), html);
    assertTrue(html.contains("<tr><td>" + SyntheticRun.HOSTILE_ESCAPED + "</td><td class=\"num\" data-v=\"0.75\""
        + " data-metric=\"weight\">0.7500</td><td class=\"num\">3</td><td class=\"num\" data-v=\"0.55\""), html);
    assertTrue(html.contains("best single model: " + model));
    assertFalse(html.contains("<script>alert"));
  }

  @Test
  void withoutTheirFilesTheNewSectionsAreLeftOut() throws IOException {
    FileManager files = SyntheticRun.write(tmp, "p", List.of("a"), 1, false);
    claim(files, "reliability", "a", tmp.resolve("p/CALIBRATION/a/missing.png"));
    Files.createDirectories(tmp.resolve("p/sweeps/empty"));
    Files.createDirectories(tmp.resolve("p/DISTANCES/fid"));
    String run = Files.readString(RunReport.write(files));
    assertFalse(run.contains("<section id=\"post\">"));
    assertFalse(run.contains("<section id=\"sweep\">"));
    String project = Files.readString(ProjectReport.write(files.forRun(tmp.resolve("p/runs/2026-01-02/x"))));
    assertFalse(project.contains("<section id=\"sweeps\">"));
    assertFalse(project.contains("<section id=\"distances\">"));
    assertTrue(project.contains("<section id=\"runs\">"));
  }

  @Test
  void theProjectReportListsSweepsWithTrialTablesAndATrialRunNamesItsSweep() throws IOException {
    FileManager synthetic = SyntheticRun.write(tmp, "p", List.of("a"), 1, false);
    Path sweep = Files.createDirectories(tmp.resolve("p/sweeps").resolve(HOSTILE_DIR));
    write(sweep.resolve("sweep.json"), "{\"mode\":\"train\",\"trials\":2,\"overrides\":[]}");
    write(sweep.resolve("trials.jsonl"), "{\"trial\":1,\"status\":\"done\"}\n");
    write(sweep.resolve("trials.csv"), "trial,lr,arch,value\n0,0.01,cnn,0.123456\n1,0.1,\""
        + SyntheticRun.HOSTILE.replace("\"", "\"\"") + "\",0.654321\n");
    byte[] png = png(5);
    Files.write(sweep.resolve("objective.png"), png);
    // Trial 1 is a run folder of its own (the synthetic run moved there).
    Path trial = sweep.resolve("1");
    Files.move(synthetic.runDir(), trial);
    FileManager files = FileManager.builder(tmp.resolve("data"), tmp, "p", trial).build();

    String run = Files.readString(RunReport.write(files));
    assertTrue(run.contains("<section id=\"sweep\">"), run);
    assertTrue(run.contains(">Trial 1 of sweep " + HOSTILE_DIR_ESCAPED + ": lr=0.1 arch=" + SyntheticRun.HOSTILE_ESCAPED
        + ", value 0.6543 (sweeps/" + HOSTILE_DIR_ESCAPED + ").</p>"), run);
    assertFalse(run.contains("<script>alert"));

    String project = Files.readString(ProjectReport.write(files.forRun(tmp.resolve("p/runs/2026-01-02/x"))));
    assertTrue(project.contains("<section id=\"sweeps\"><h2>Sweeps</h2>"), project);
    assertTrue(project.contains("<summary>" + HOSTILE_DIR_ESCAPED + ": mode train, 2 trials</summary>"), project);
    assertTrue(project.contains("<table class=\"sortable\" id=\"sweep-1\"><thead><tr><th>trial</th><th>lr</th>"
        + "<th>arch</th><th>value</th></tr>"), project);
    assertTrue(project.contains("<td class=\"num\" data-v=\"0.123456\" data-metric=\"value\">0.1235</td>"), project);
    assertTrue(project.contains("<td><a href=\"sweeps/" + HOSTILE_DIR_ESCAPED + "/1/report.html\">1</a></td>")
        || project.contains("<a href=\"sweeps/" + HOSTILE_DIR_ESCAPED + "/1/report.html\">1</a>"), project);
    assertTrue(project.contains("<td>" + SyntheticRun.HOSTILE_ESCAPED + "</td>"));
    assertTrue(project.contains("data:image/png;base64," + Base64.getEncoder().encodeToString(png)));
    assertFalse(project.contains("<script>alert"));
  }

  @Test
  void theProjectReportShowsTheNewestDistanceTableAndMapPerMeasure() throws IOException {
    FileManager files = SyntheticRun.write(tmp, "p", List.of("a"), 1, false);
    Path proj = tmp.resolve("p");
    String h = "\"" + SyntheticRun.HOSTILE.replace("\"", "\"\"") + "\"";
    write(proj.resolve("DISTANCES/fid/fid_0000.csv"), "source,a,b\na,0,9.5\nb,9.5,0\n");
    write(proj.resolve("DISTANCES/fid/fid_0001.csv"), "source,a," + h + "\na,0,1.25\n" + h + ",2.5,0\n");
    write(proj.resolve("DISTANCES").resolve(HOSTILE_DIR).resolve(HOSTILE_DIR + "_0000.csv"), "source,a\na,0\n");
    byte[] old = png(2);
    byte[] map = png(4);
    Files.createDirectories(proj.resolve("PLOTS/distances"));
    Files.write(proj.resolve("PLOTS/distances/fid_map_0000.png"), old);
    Files.write(proj.resolve("PLOTS/distances/fid_map_0001.png"), map);

    String html = Files.readString(ProjectReport.write(files.forRun(proj.resolve("runs/2026-01-02/x"))));
    assertTrue(html.contains("<section id=\"distances\"><h2>Task distances</h2>"), html);
    assertTrue(html.contains("<summary>fid: 2 source tasks</summary>"), html);
    assertTrue(html.contains("<th>" + SyntheticRun.HOSTILE_ESCAPED + "</th>"), html);
    assertTrue(html.contains("<tr><td>" + SyntheticRun.HOSTILE_ESCAPED + "</td><td class=\"num\" data-v=\"2.5\""
        + " data-metric=\"a\">2.5000</td>"), html);
    assertTrue(html.contains(">1.2500</td>"));
    assertFalse(html.contains(">9.5000</td>"), "only the newest table");
    assertTrue(html.contains("data:image/png;base64," + Base64.getEncoder().encodeToString(map)), "newest map");
    assertFalse(html.contains(Base64.getEncoder().encodeToString(old)));
    assertTrue(html.contains("<summary>" + HOSTILE_DIR_ESCAPED + ": 1 source tasks</summary>"), html);
    assertFalse(html.contains("<script>alert"));
    assertFalse(html.contains("<b>&"));
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** Appends a created path to the run's journal as the file manager writes it (relative to the results root). */
  private static void claim(FileManager files, String key, String task, Path file) throws IOException {
    String line = JSON.createObjectNode().put("key", key).put("task", task).put("step", "calibrate[task=" + task + "]")
        .put("path", files.relativize(file)).toString() + "\n";
    Files.writeString(files.runDir().resolve("created_paths.jsonl"), line, StandardOpenOption.APPEND);
  }

  private static byte[] png(int size) throws IOException {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, 0xff0000 + size);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
