package io.mml.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.files.RunDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's sweeps ({@code <proj>/sweeps/<sweep>/}): per sweep its mode and trial count ({@code sweep.json}), the
 * trial table ({@code trials.csv}, sortable, each trial linked to its run report when there is one) and the objective
 * plot ({@code objective.png}) and the per-parameter plot ({@code params.png}), inline. An unfinished sweep without {@code trials.csv} shows how many trials its
 * journal ({@code trials.jsonl}) has finished. Left out when the project has no sweep.
 */
public final class SweepsSection implements ProjectSection {
  static final String SPEC = "sweep.json";
  static final String JOURNAL = "trials.jsonl";
  static final String TRIALS = "trials.csv";
  static final String OBJECTIVE = "objective.png";
  static final String PARAMS = "params.png";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String id() {
    return "sweeps";
  }

  @Override
  public String title() {
    return "Sweeps";
  }

  @Override
  public int order() {
    return 300;
  }

  @Override
  public boolean render(ProjectData p, Html out) throws IOException {
    List<Path> sweeps = Figures.folders(p.dir().resolve(RunDirs.SWEEPS)).stream()
        .filter(d -> Stream.of(SPEC, JOURNAL, TRIALS, OBJECTIVE).anyMatch(f -> Files.isRegularFile(d.resolve(f))))
        .toList();
    if (sweeps.isEmpty()) {
      return false;
    }
    out.el("p", sweeps.size() + " sweeps; every trial is a run in sweeps/<sweep>/<trial>/.", "id", "sweeps-count");
    int n = 0;
    for (Path d : sweeps) {
      n++;
      String name = d.getFileName().toString();
      StringBuilder summary = new StringBuilder(name);
      if (Files.isRegularFile(d.resolve(SPEC))) {
        JsonNode spec = JSON.readTree(d.resolve(SPEC).toFile());
        summary.append(": mode ").append(spec.path("mode").asText("?"));
        if (spec.path("trials").isNumber()) {
          summary.append(", ").append(spec.path("trials").asInt()).append(" trials");
        }
      }
      Blocks.open(out, summary.toString(), sweeps.size(), null);
      if (Files.isRegularFile(d.resolve(TRIALS))) {
        trials(out, CsvTable.read(d.resolve(TRIALS)), d, p.dir(), "sweep-" + n);
      } else if (Files.isRegularFile(d.resolve(JOURNAL))) {
        long finished;
        try (Stream<String> lines = Files.lines(d.resolve(JOURNAL), StandardCharsets.UTF_8)) {
          finished = lines.filter(l -> l.replace(" ", "").contains("\"status\":\"done\"")).count();
        }
        out.el("p", "No trials.csv yet (the sweep is unfinished); its journal has " + finished + " finished trials.",
            "class", "muted");
      }
      Figures.png(out, d.resolve(OBJECTIVE), "Sweep " + name + ": return value per trial");
      Figures.png(out, d.resolve(PARAMS), "Sweep " + name + ": return value by parameter");
      out.el("p", p.dir().relativize(d).toString().replace('\\', '/'), "class", "muted");
      out.close("details");
    }
    return true;
  }

  private static void trials(Html out, CsvTable t, Path sweep, Path project, String id) {
    out.open("table", "class", "sortable", "id", id).open("thead").open("tr");
    t.header().forEach(h -> out.el("th", h));
    out.close("tr").close("thead").open("tbody");
    int trial = t.column("trial");
    for (List<String> row : t.rows()) {
      out.open("tr", "data-trial", trial < 0 ? null : row.get(trial));
      for (int i = 0; i < t.header().size(); i++) {
        String v = row.get(i);
        Path report = i == trial && v.matches("\\d+") ? sweep.resolve(v).resolve("report.html") : null;
        if (report != null && Files.isRegularFile(report)) {
          out.open("td", "class", "num", "data-v", v)
              .el("a", v, "href", project.relativize(report).toString().replace('\\', '/')).close("td");
        } else {
          Figures.cell(out, v, t.header().get(i));
        }
      }
      out.close("tr");
    }
    out.close("tbody").close("table");
  }
}
