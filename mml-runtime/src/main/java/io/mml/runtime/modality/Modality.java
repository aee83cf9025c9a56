package io.mml.runtime.modality;

import java.util.Objects;

/**
 * A registered modality.
 *
 * @param id the id used in task descriptions
 * @param loader loads values
 * @param verifier checks values at task creation
 * @param augmentable whether spatial image augmentations apply to it too
 * @param description one line for docs
 */
public record Modality(String id, ModalityLoader loader, ModalityVerifier verifier, boolean augmentable,
    String description) {
  public Modality {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(verifier, "verifier");
  }
}
