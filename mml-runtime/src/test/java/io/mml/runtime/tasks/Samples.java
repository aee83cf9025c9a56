package io.mml.runtime.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small descriptions for tests. */
final class Samples {
  private Samples() {}

  static TaskHeader header(String name, int folds, int samples) {
    TreeMap<Integer, String> idx = new TreeMap<>(Map.of(0, "a", 1, "b"));
    Map<String, Long> occ = new LinkedHashMap<>();
    occ.put("a", (long) (samples / 2));
    occ.put("b", (long) (samples - samples / 2));
    Map<String, List<String>> mods = new LinkedHashMap<>();
    mods.put("class", List.of());
    mods.put("image", List.of(".png"));
    return new TaskHeader(name, "classification", List.of("artificial"), mods, List.of(0.5, 0.4, 0.3),
        List.of(0.2, 0.2, 0.2), List.of(8, 8, 8, 8), idx, occ, folds, samples, "desc", "MIT", "2024", "ref", "url",
        "proto");
  }

  /** {@code n} train samples split round-robin into {@code folds} folds, 2 test samples, 1 unlabelled. */
  static TaskDescription description(String name, int folds, int n) {
    Map<String, Map<String, Object>> train = new LinkedHashMap<>();
    List<List<String>> f = new ArrayList<>();
    for (int i = 0; i < folds; i++) {
      f.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      String id = "s" + i;
      train.put(id, Map.of("image", "img/" + id + ".png", "class", i % 2));
      f.get(i % folds).add(id);
    }
    Map<String, Map<String, Object>> test = new LinkedHashMap<>();
    test.put("t0", Map.of("image", "img/t0.png", "class", 0));
    test.put("t1", Map.of("image", "img/t1.png", "class", 1));
    Map<String, Map<String, Object>> unl = new LinkedHashMap<>();
    unl.put("u0", Map.of("image", "img/u0.png"));
    return new TaskDescription(header(name, folds, n), f, train, test, unl);
  }
}
