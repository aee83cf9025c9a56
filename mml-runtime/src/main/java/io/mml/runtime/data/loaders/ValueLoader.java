package io.mml.runtime.data.loaders;

import io.mml.runtime.modality.ModalityLoader;
import java.nio.file.Path;

/** The {@code value} modality: a regression target number to a {@code Float}. */
public final class ValueLoader implements ModalityLoader {
  @Override
  public Float load(Path datasetDir, Object entry) {
    return Entries.toFloat(entry, "value");
  }
}
