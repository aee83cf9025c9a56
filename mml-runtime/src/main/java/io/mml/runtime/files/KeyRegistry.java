package io.mml.runtime.files;

import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The path keys one run knows: the built-ins first, then the keys of modes and plugins, in
 * registration order. A name is registered once; looking up an unknown name fails with the
 * registered keys and the closest names.
 */
final class KeyRegistry {
  private final Map<String, PathKey> keys = new LinkedHashMap<>();

  /** A registry holding the built-in keys. */
  KeyRegistry() {
    for (PathKey k : PathKey.builtIns()) {
      register(k);
    }
  }

  /** A copy of the registered keys, in registration order. */
  synchronized Map<String, PathKey> snapshot() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(keys));
  }

  /** The registered keys that are not built-ins, in registration order. */
  synchronized List<PathKey> extraKeys() {
    List<String> builtIn = PathKey.builtIns().stream().map(PathKey::key).toList();
    return keys.values().stream().filter(k -> !builtIn.contains(k.key())).toList();
  }

  /** Registers a key; a key registered twice is an error (two plugins would overwrite each other's files). */
  synchronized void register(PathKey key) {
    PathKey old = keys.get(key.key());
    if (old != null) {
      throw new IllegalArgumentException("Path key '" + key.key() + "' is already registered (" + old
          + "); choose another key name");
    }
    keys.put(key.key(), key);
  }

  /** The registered key named {@code key}; an error listing the keys and the closest names otherwise. */
  synchronized PathKey get(String key) {
    PathKey k = keys.get(key);
    if (k == null) {
      throw new IllegalArgumentException("Unknown path key '" + key + "'." + ConfigException.didYouMean(
          Names.closest(String.valueOf(key), keys.keySet())) + " Registered keys: " + String.join(", ", keys.keySet())
          + ". Declare new keys in the mode's pathKeys() with PathKey.builder(...).");
    }
    return k;
  }
}
