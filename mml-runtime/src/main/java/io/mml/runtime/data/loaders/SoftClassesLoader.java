package io.mml.runtime.data.loaders;

import io.mml.runtime.modality.ModalityLoader;
import java.nio.file.Path;
import java.util.List;

/** The {@code soft_classes} modality: a list of per-class probabilities in [0, 1] to a {@code float[]}. */
public final class SoftClassesLoader implements ModalityLoader {
  @Override
  public float[] load(Path datasetDir, Object entry) {
    List<?> list = Entries.toList(entry, "soft_classes");
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Entries.toFloat(list.get(i), "soft_classes");
      if (!(out[i] >= 0f && out[i] <= 1f)) {
        throw new IllegalArgumentException("A soft_classes entry must hold values in [0, 1]; found " + out[i]
            + " at position " + i + ".");
      }
    }
    return out;
  }
}
