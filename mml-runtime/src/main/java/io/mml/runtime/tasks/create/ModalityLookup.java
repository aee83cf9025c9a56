package io.mml.runtime.tasks.create;

import io.mml.runtime.modality.ModalityVerifier;
import io.mml.runtime.tasks.verify.BuiltinVerifiers;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where task creation finds the verifier of a modality: the {@code @ModalityDef} registry, so
 * plugins' modalities are verified too (tests may pass a fixed table).
 */
public interface ModalityLookup {
  /** The verifier of a modality id, or empty when the modality is unknown. */
  Optional<ModalityVerifier> verifier(String modality);

  /** The known modality ids (for error messages). */
  Set<String> ids();

  /** A lookup over a fixed map. */
  static ModalityLookup of(Map<String, ModalityVerifier> verifiers) {
    Map<String, ModalityVerifier> copy = Map.copyOf(verifiers);
    return new ModalityLookup() {
      @Override
      public Optional<ModalityVerifier> verifier(String modality) {
        return Optional.ofNullable(copy.get(modality));
      }

      @Override
      public Set<String> ids() {
        return new java.util.TreeSet<>(copy.keySet());
      }
    };
  }

  /**
   * Every registered modality ({@code @ModalityDef} on the class path: the built-ins image, mask,
   * class, classes, soft_classes, value, sample_id, task, and those of plugins).
   */
  static ModalityLookup builtin() {
    Map<String, ModalityVerifier> m = new java.util.LinkedHashMap<>();
    for (var modality : io.mml.runtime.modality.Modalities.defaults().all()) {
      m.put(modality.id(), modality.verifier());
    }
    return m.isEmpty() ? of(BuiltinVerifiers.all()) : of(m);
  }
}
