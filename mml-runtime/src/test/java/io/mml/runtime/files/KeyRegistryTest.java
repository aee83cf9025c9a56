package io.mml.runtime.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link KeyRegistry#extraKeys()}: what {@link FileManager#forRun} hands on to another run's manager. */
class KeyRegistryTest {
  @Test
  void extraKeysLeaveOutTheBuiltInsInRegistrationOrder() {
    KeyRegistry keys = new KeyRegistry();
    assertEquals(List.of(), keys.extraKeys());
    PathKey fim = PathKey.builder("fim").folder("FIMS").file("fim.json").perTask().numbered().build();
    PathKey dist = PathKey.builder("distances").file("distances.csv").reusable().build();
    keys.register(fim);
    keys.register(dist);
    assertEquals(List.of(fim, dist), keys.extraKeys());
    assertEquals(PathKey.builtIns().size() + 2, keys.snapshot().size());
  }
}
