package io.mml.runtime.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Draws every searched key independently and uniformly (log-uniformly for {@code log_interval}). */
public final class RandomSearch implements Sampler {
  private final SearchSpace space;
  private final long seed;

  public RandomSearch(SearchSpace space, long seed) {
    this.space = space;
    this.seed = seed;
  }

  @Override
  public Map<String, String> propose(int number, List<Trial> history) {
    return draw(space, Sampler.random(seed, number));
  }

  /** One uniform draw of every key. */
  static Map<String, String> draw(SearchSpace space, Random rng) {
    Map<String, String> out = new LinkedHashMap<>();
    for (SearchParam p : space.params()) {
      out.put(p.key(), p.type() == SearchParam.Type.CHOICE ? p.choices().get(rng.nextInt(p.choices().size()))
          : p.fromUnit(rng.nextDouble()));
    }
    return out;
  }
}
