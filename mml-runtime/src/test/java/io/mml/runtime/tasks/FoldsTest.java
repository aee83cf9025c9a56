package io.mml.runtime.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FoldsTest {
  private static Map<String, Integer> classes(int a, int b) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < a; i++) {
      m.put("a" + i, 0);
    }
    for (int i = 0; i < b; i++) {
      m.put("b" + i, 1);
    }
    return m;
  }

  @Test
  void balancedPerClassAndSizeAndDeterministic() {
    Map<String, Integer> m = classes(23, 9);
    List<List<String>> folds = Folds.balanced(m, 5, 7);
    assertEquals(folds, Folds.balanced(m, 5, 7));
    assertNotEquals(folds, Folds.balanced(m, 5, 8));
    Set<String> all = new HashSet<>();
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (List<String> f : folds) {
      all.addAll(f);
      min = Math.min(min, f.size());
      max = Math.max(max, f.size());
      long a = f.stream().filter(id -> id.startsWith("a")).count();
      assertTrue(a == 4 || a == 5, "class a per fold: " + a);
      long b = f.size() - a;
      assertTrue(b == 1 || b == 2, "class b per fold: " + b);
    }
    assertEquals(32, all.size());
    assertTrue(max - min <= 1);
  }
}
