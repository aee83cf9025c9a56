package io.mml.plugins.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.config.ConfigException;
import io.mml.runtime.toolkit.Features;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablesAndPairsTest {
  @TempDir
  Path tmp;

  private static TaskPairs.Pair p(String s, String t) {
    return new TaskPairs.Pair(s, t);
  }

  @Test
  void pairsFollowPivotAndSymmetry() {
    List<String> tasks = List.of("a", "b", "c");
    assertEquals(List.of(p("a", "b"), p("a", "c"), p("b", "c")), TaskPairs.plan(tasks, Optional.empty(), true));
    assertEquals(6, TaskPairs.plan(tasks, Optional.empty(), false).size());
    assertEquals(List.of(p("a", "c"), p("b", "c")), TaskPairs.plan(tasks, Optional.of("c"), true));
    assertEquals(List.of(p("a", "c"), p("b", "c")), TaskPairs.plan(tasks, Optional.of("c"), false));
  }

  @Test
  void tablesRoundTripThroughCsvWithMissingEntries() throws Exception {
    DistanceTable t = new DistanceTable.Builder(List.of("a", "b+identity", "c")).put("a", "b+identity", 0.125)
        .put("b+identity", "a", 0.25).put("c", "a", 3e-7).build();
    Path f = tmp.resolve("t.csv");
    Files.write(f, t.toCsv());
    DistanceTable back = DistanceTable.read(f);
    assertEquals(t.tasks(), back.tasks());
    assertEquals(0.125, back.get("a", "b+identity"), 0);
    assertEquals(3e-7, back.get("c", "a"), 1e-16);
    assertTrue(Double.isNaN(back.get("a", "c")));
    assertEquals(0, back.get("c", "c"));
    assertEquals(false, back.complete());
    assertEquals((0.125 + 0.25 + 3e-7) / 3, back.meanOffDiagonal().getAsDouble(), 1e-12);
    assertEquals(3e-7, back.symmetrized()[0][2], 1e-16, "one direction known: that one");
    assertEquals(0.1875, back.symmetrized()[0][1], 1e-12, "both known: their mean");
    Files.writeString(f, "source,a,b\na,0,x\n");
    assertTrue(assertThrows(Exception.class, () -> DistanceTable.read(f)).getMessage().contains(":2:"));
  }

  @Test
  void intraGroupRatioComparesVariantsOfOneTaskWithAllPairs() {
    DistanceTable t = new DistanceTable.Builder(List.of("a", "a+identity", "b")).put("a", "a+identity", 1)
        .put("a+identity", "a", 1).put("a", "b", 4).put("b", "a", 4).put("a+identity", "b", 4).put("b", "a+identity", 4)
        .build();
    assertEquals(1 / 3.0, t.intraGroupRatio().getAsDouble(), 1e-12);
  }

  @Test
  void ensembleIsTheWeightedMeanOfNormalisedTables() {
    List<String> tasks = List.of("a", "b");
    DistanceTable mmd = new DistanceTable.Builder(tasks).put("a", "b", 2).put("b", "a", 2).build();
    DistanceTable fid = new DistanceTable.Builder(tasks).put("a", "b", 100).put("b", "a", 300).build();
    List<TaskPairs.Pair> pairs = TaskPairs.plan(tasks, Optional.empty(), false);
    DistanceTable raw = Ensemble.combine(tasks, pairs, Map.of("mmd", mmd, "fid", fid), Map.of("mmd", 3.0, "fid", 1.0),
        false);
    assertEquals((3 * 2 + 100) / 4.0, raw.get("a", "b"), 1e-12);
    DistanceTable norm = Ensemble.combine(tasks, pairs, Map.of("mmd", mmd, "fid", fid), Map.of("mmd", 3.0, "fid", 1.0),
        true);
    assertEquals((3 * 1 + 0.5) / 4.0, norm.get("a", "b"), 1e-12);
    assertEquals((3 * 1 + 1.5) / 4.0, norm.get("b", "a"), 1e-12);
  }

  @Test
  void ensembleOptionsNameBadWeights() {
    assertThrows(ConfigException.class, () -> new DistanceOptions.Ensemble("ens", Map.of("mmx", 1.0), true));
    assertThrows(ConfigException.class, () -> new DistanceOptions.Ensemble("ens", Map.of("mmd", 0.0), true));
    assertThrows(ConfigException.class, () -> new DistanceOptions.Ensemble("ens", Map.of("ens", 1.0), true));
    assertTrue(assertThrows(ConfigException.class, () -> Measure.of("mdd", "distance.name")).getMessage()
        .contains("mmd"));
  }

  @Test
  void keywordOverlapIsOneMinusJaccard() {
    assertEquals(0, TaskText.jaccardDistance(Set.of("skin", "lesion"), Set.of("lesion", "skin")));
    assertEquals(1, TaskText.jaccardDistance(Set.of("skin"), Set.of("xray")));
    assertEquals(1 - 1 / 3.0, TaskText.jaccardDistance(Set.of("skin", "lesion"), Set.of("skin", "xray")), 1e-12);
  }

  @Test
  void featuresRoundTripThroughTheirFile() throws Exception {
    Features f = new Features("demo", List.of("s1", "s2"), new float[][] {{1.5f, -2f}, {0f, 3.25f}});
    Path file = tmp.resolve("f.bin");
    Files.write(file, FeatureFile.encode(f));
    Features back = FeatureFile.read(file);
    assertEquals(f.task(), back.task());
    assertEquals(f.sampleIds(), back.sampleIds());
    assertEquals(3.25f, back.values()[1][1]);
    Files.writeString(file, "nonsense");
    assertTrue(assertThrows(Exception.class, () -> FeatureFile.read(file)).getMessage().contains("features again"));
  }
}
