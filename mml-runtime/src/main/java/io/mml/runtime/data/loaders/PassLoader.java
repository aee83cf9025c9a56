package io.mml.runtime.data.loaders;

import io.mml.runtime.modality.ModalityLoader;
import java.nio.file.Path;

/** Meta modalities ({@code sample_id}, {@code task}): the entry itself, as a String. */
public final class PassLoader implements ModalityLoader {
  @Override
  public String load(Path datasetDir, Object entry) {
    return String.valueOf(entry);
  }
}
