package io.mml.runtime.modality;

/** Fake of the runtime SPI. */
public interface ModalityProvider {
  /** The declared modality. */
  Modality modality();
}
