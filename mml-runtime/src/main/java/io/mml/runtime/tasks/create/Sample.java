package io.mml.runtime.tasks.create;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sample handed to {@link TaskCreator#findData}: its id and its modality values. File values
 * (image, mask) are a {@link java.nio.file.Path} inside the dataset folder or a path relative to it.
 *
 * @param id the sample id (required, unique over all splits)
 * @param entry modality id to value
 * @param origin where the sample came from (a file, or a CSV file and row) for error messages; may be null
 */
public record Sample(String id, Map<String, Object> entry, String origin) {
  public Sample {
    entry = Collections.unmodifiableMap(new LinkedHashMap<>(entry == null ? Map.of() : entry));
  }

  public Sample(String id, Map<String, Object> entry) {
    this(id, entry, null);
  }

  /** The origin for error messages ({@code " (<origin>)"}), or "" when it is unknown. */
  String where() {
    return origin == null ? "" : " (" + origin + ")";
  }

  /** How errors name this sample: {@code Task '<task>', <split> sample '<id>'} and its origin. */
  String describeIn(String task, String split) {
    return "Task '" + task + "', " + split + " sample '" + id + "'" + where();
  }
}
