package io.mml.runtime.data.loaders;

import io.mml.runtime.modality.ModalityLoader;
import java.nio.file.Path;

/** The {@code class} modality: an integer class index (as stored; the data set remaps merged classes). */
public final class ClassLabelLoader implements ModalityLoader {
  @Override
  public Integer load(Path datasetDir, Object entry) {
    return Entries.toInt(entry, "class");
  }
}
