package io.mml.runtime.tasks.create;

import io.mml.runtime.modality.ModalityVerifier;
import io.mml.runtime.tasks.verify.BuiltinVerifiers;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where task creation finds the verifier of a modality. Today the built-in table
 * ({@link BuiltinVerifiers}); once the {@code @ModalityDef} registry lands it can be backed by it
 * (one implementation of this interface), so plugins' modalities are verified too.
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

  /** The built-in modalities: image, mask, class, classes, soft_classes, value, sample_id, task. */
  static ModalityLookup builtin() {
    return of(BuiltinVerifiers.all());
  }
}
