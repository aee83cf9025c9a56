package io.mml.runtime.data.loaders;

import io.mml.runtime.modality.ModalityLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code classes} modality (multi-label): a list of class indices to an {@code int[]} of those
 * indices. Not multi-hot here because the loader does not know the number of classes; the data set
 * turns it into a multi-hot float vector of the task's class count.
 */
public final class ClassesLoader implements ModalityLoader {
  @Override
  public int[] load(Path datasetDir, Object entry) {
    List<?> list = Entries.toList(entry, "classes");
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Entries.toInt(list.get(i), "classes");
    }
    return out;
  }
}
