package io.mml.runtime.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The task similarity maps of the project, as the similarity plugin writes them (read by folder and file name only,
 * the runtime does not depend on the plugin): per measure the newest distance table
 * ({@code <proj>/DISTANCES/<measure>/<measure>_NNNN.csv}, source by target, sortable) and the newest map
 * ({@code <proj>/PLOTS/distances/<measure>_map_NNNN.png}, inline). Left out when there is no table.
 */
public final class DistancesSection implements ProjectSection {
  /** The plugin's folder of distance tables in a project. */
  static final String DISTANCES = "DISTANCES";
  /** The plugin's folder of distance maps in a project. */
  static final String MAPS = "PLOTS/distances";

  @Override
  public String id() {
    return "distances";
  }

  @Override
  public String title() {
    return "Task distances";
  }

  @Override
  public int order() {
    return 400;
  }

  @Override
  public boolean render(ProjectData p, Html out) throws IOException {
    boolean any = false;
    List<Path> measures = Figures.folders(p.dir().resolve(DISTANCES));
    int n = 0;
    for (Path d : measures) {
      String measure = d.getFileName().toString();
      Optional<Path> table = Figures.newest(d, measure + "_", ".csv");
      if (table.isEmpty()) {
        table = Figures.newest(d, "", ".csv");
      }
      if (table.isEmpty()) {
        continue;
      }
      any = true;
      n++;
      CsvTable t = CsvTable.read(table.get());
      Blocks.open(out, measure + ": " + t.rows().size() + " source tasks", measures.size(), null);
      Figures.table(out, t, "distances-" + n);
      out.el("p", p.dir().relativize(table.get()).toString().replace('\\', '/'), "class", "muted");
      Optional<Path> map = Figures.newest(p.dir().resolve(MAPS), measure + "_map", ".png");
      if (map.isPresent()) {
        Figures.png(out, map.get(), measure + " distance map (" + map.get().getFileName() + ")");
      }
      out.close("details");
    }
    return any;
  }
}
