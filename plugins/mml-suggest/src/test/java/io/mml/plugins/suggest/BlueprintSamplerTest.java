package io.mml.plugins.suggest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlueprintSamplerTest {
  private static ObjectNode pipeline(String arch, double lr) {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.putObject("arch").put("type", arch);
    p.putObject("optimizer").put("name", "adam").put("lr", lr);
    return p;
  }

  private static final List<Candidate> CANDIDATES = List.of(
      new Candidate("near", 0.5, 0.2, false, pipeline("cnn", 0.001)),
      new Candidate("near", 0.5, 0.9, false, pipeline("mlp", 0.1)), // a worse loss of the same source
      new Candidate("mid", 1.0, 0.3, false, pipeline("resnet18", 0.01)),
      new Candidate("far", 1.5, 0.1, false, pipeline("mobilenet", 0.0001)));

  @Test
  void cutoffsDropFarSourcesAndWeakPipelines() {
    List<BlueprintSampler.Weighted> w = new BlueprintSampler(0.5, 0.5, 1).weigh(CANDIDATES);
    // Distances 0.5, 1.0, 1.5: the median 1.0 keeps near and mid; of near's losses (0.2, 0.9) the better half.
    assertEquals(List.of("near", "mid"), w.stream().map(x -> x.candidate().source()).toList());
    assertEquals(0.2, w.get(0).candidate().performance());
    assertEquals(Math.exp(-0.5), w.get(0).weight(), 1e-12);
    assertEquals(4, new BlueprintSampler(1, 0, 1).weigh(CANDIDATES).size(), "no cutoffs: every pipeline");
    assertEquals(1, new BlueprintSampler(0, 1, 1).weigh(CANDIDATES).size(), "only the closest source's best");
  }

  @Test
  void theFirstBlueprintIsTheMostProbableAndTheRestAreSeededDraws() {
    BlueprintSampler s = new BlueprintSampler(1, 0, 1);
    List<BlueprintSampler.Weighted> w = s.weigh(CANDIDATES);
    List<ObjectNode> a = s.sample(w, 20, new Random(3));
    assertEquals(20, a.size());
    assertEquals("cnn", a.get(0).get("arch").get("type").asText(), "closest pipeline, the largest weight");
    assertEquals(a, s.sample(w, 20, new Random(3)), "seeded");
    Set<String> archs = new HashSet<>();
    a.forEach(b -> archs.add(b.get("arch").get("type").asText()));
    assertTrue(archs.size() >= 3, "temperature 1 explores: " + archs);
    // Groups are whole subtrees: an optimizer's lr always comes with its own name.
    a.forEach(b -> assertEquals("adam", b.get("optimizer").get("name").asText()));
  }

  @Test
  void temperatureMovesFromTheClosestSourceToUniformExploration() {
    List<ObjectNode> cold = new BlueprintSampler(1, 0, 0.01).sample(new BlueprintSampler(1, 0, 0.01).weigh(CANDIDATES),
        50, new Random(1));
    cold.forEach(b -> assertTrue(Set.of("cnn", "mlp").contains(b.get("arch").get("type").asText()),
        "a cold sampler follows the closest source: " + b));
    BlueprintSampler hot = new BlueprintSampler(1, 0, 1e6);
    long far = hot.sample(hot.weigh(CANDIDATES), 2000, new Random(1)).stream()
        .filter(b -> b.get("arch").get("type").asText().equals("mobilenet")).count();
    assertEquals(500, far, 80, "uniform over 4 pipelines: a quarter");
  }

  @Test
  void quantilesInterpolateAndBadParametersAreRefused() {
    assertEquals(2.5, BlueprintSampler.quantile(new double[] {4, 1, 2, 3}, 0.5), 1e-12);
    assertEquals(1, BlueprintSampler.quantile(new double[] {4, 1, 2, 3}, 0), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> new BlueprintSampler(1.5, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new BlueprintSampler(1, 0, 0));
  }
}
