package io.mml.runtime.modality;

/** Fake of the runtime SPI. */
public interface ModalityLoader {
  /** Loads a value. */
  Object load(java.nio.file.Path datasetDir, Object entry) throws java.io.IOException;
}
