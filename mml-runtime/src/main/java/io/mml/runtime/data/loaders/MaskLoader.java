package io.mml.runtime.data.loaders;

import io.mml.runtime.data.decoded.MaskData;
import io.mml.runtime.modality.ModalityLoader;
import io.mml.runtime.tasks.TaskDescriptions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code mask} modality: a grey (8/16 bit) or palette image of class indices to a
 * {@link MaskData}. The token {@link TaskDescriptions#EMPTY_MASK} gives a 1x1 zero mask, which the
 * data set stretches to the image size ("nothing of interest in this image").
 */
public final class MaskLoader implements ModalityLoader {
  @Override
  public MaskData load(Path datasetDir, Object entry) throws IOException {
    if (TaskDescriptions.EMPTY_MASK.equals(entry)) {
      return MaskData.zeros(1, 1);
    }
    return ImageFiles.readMask(Entries.resolve(datasetDir, entry, "mask"));
  }

  /** Whether a loaded mask is the empty-mask placeholder. */
  public static boolean isEmptyMask(Object entry) {
    return TaskDescriptions.EMPTY_MASK.equals(entry);
  }
}
