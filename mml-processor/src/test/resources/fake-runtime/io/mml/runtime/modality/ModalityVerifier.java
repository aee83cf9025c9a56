package io.mml.runtime.modality;

/** Fake of the runtime SPI (the context is simplified to Object). */
public interface ModalityVerifier {
  /** Verifies one entry. */
  void verify(Object ctx, Object entry);
}
