package io.mml.runtime.modality;

/** Generated for every {@code @ModalityDef} and found with ServiceLoader. */
public interface ModalityProvider {
  /** The declared modality. */
  Modality modality();
}
