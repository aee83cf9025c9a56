package io.mml.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TPE against random search on a 2-D quadratic, and the determinism a continued sweep relies on. */
class SamplerTest {
  private static final SearchSpace SPACE = new SearchSpace(List.of(
      new SearchParam("x", SearchParam.Type.INTERVAL, -1, 1, List.of()),
      new SearchParam("y", SearchParam.Type.INTERVAL, -1, 1, List.of())));

  private static double f(Map<String, String> a) {
    double x = Double.parseDouble(a.get("x"));
    double y = Double.parseDouble(a.get("y"));
    return (x - 0.3) * (x - 0.3) + (y + 0.2) * (y + 0.2);
  }

  private static double best(Sampler s, int trials) {
    List<Trial> history = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    for (int n = 0; n < trials; n++) {
      Map<String, String> a = s.propose(n, history);
      double v = f(a);
      history.add(new Trial(n, a, v));
      best = Math.min(best, v);
    }
    return best;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  @Test
  void tpesMedianBestAfter30TrialsBeatsRandomSearchOver20Seeds() {
    double[] tpe = new double[20];
    double[] random = new double[20];
    for (int seed = 0; seed < 20; seed++) {
      tpe[seed] = best(new Tpe(SPACE, seed, true, 10, 0.25, 24), 30);
      random[seed] = best(new RandomSearch(SPACE, seed), 30);
    }
    assertTrue(median(tpe) < median(random), "TPE " + median(tpe) + " vs random " + median(random));
  }

  @Test
  void proposalsDependOnlyOnSeedNumberAndHistory() {
    List<Trial> history = List.of(new Trial(0, Map.of("x", "0.1", "y", "0.2"), 0.5));
    Tpe a = new Tpe(SPACE, 7, true, 1, 0.25, 24);
    Tpe b = new Tpe(SPACE, 7, true, 1, 0.25, 24);
    assertEquals(a.propose(3, history), b.propose(3, history));
    assertEquals(new RandomSearch(SPACE, 7).propose(2, List.of()), new RandomSearch(SPACE, 7).propose(2, List.of()));
  }

  @Test
  void valuesStayInRangeAndIntsAndChoicesAreValid() {
    SearchSpace space = new SearchSpace(List.of(
        new SearchParam("lr", SearchParam.Type.LOG_INTERVAL, 1e-4, 1e-1, List.of()),
        new SearchParam("epochs", SearchParam.Type.INT, 1, 3, List.of()),
        new SearchParam("arch", SearchParam.Type.CHOICE, 0, 0, List.of("mlp", "cnn"))));
    List<Trial> history = new ArrayList<>();
    Tpe tpe = new Tpe(space, 1, true, 3, 0.25, 24);
    for (int n = 0; n < 15; n++) {
      Map<String, String> a = tpe.propose(n, history);
      double lr = Double.parseDouble(a.get("lr"));
      assertTrue(lr >= 1e-4 * 0.999 && lr <= 1e-1 * 1.001, a.toString());
      assertTrue(!a.get("lr").contains("E"), "plain notation, a YAML number: " + a);
      assertTrue(List.of("1", "2", "3").contains(a.get("epochs")), a.toString());
      assertTrue(List.of("mlp", "cnn").contains(a.get("arch")), a.toString());
      history.add(new Trial(n, a, lr));
    }
  }
}
