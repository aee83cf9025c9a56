package io.mml.runtime.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Claims paths from a separate JVM, for the cross-process numbering test: args resultsRoot runDir count out. */
public final class ClaimPathsMain {
  private ClaimPathsMain() {}

  public static void main(String[] args) throws Exception {
    Path results = Path.of(args[0]);
    FileManager fm = new FileManager(results.resolve("data"), results, "proj", Path.of(args[1]), List.of(), Map.of(),
        Map.of());
    int n = Integer.parseInt(args[2]);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(fm.relativize(fm.constructSavingPath("parameters", "demo_shapes")));
    }
    Files.write(Path.of(args[3]), out);
  }
}
