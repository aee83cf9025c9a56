package io.mml.runtime.modality;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads the value of one modality of one sample, as stored in a task description (an image path
 * relative to the dataset folder, a class index, a list of floats, ...). Implementations are
 * stateless and thread-safe; the data pipeline calls them from several threads.
 */
public interface ModalityLoader {
  /**
   * Loads a value.
   *
   * @param datasetDir the dataset folder that relative paths in {@code entry} refer to
   * @param entry the description entry (String path, Integer, List, Double, ...)
   * @return the decoded value (e.g. {@code io.mml.runtime.data.decoded.ImageData} for images and masks)
   * @throws IOException naming the file when it cannot be read or decoded
   */
  Object load(Path datasetDir, Object entry) throws IOException;
}
