package io.mml.plugins.dimensionality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.data.decoded.DataFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code dimension} artifact of one task: the estimate and how it was made; written as JSON,
 * read back by the plot step and by later projects ({@code reuse.dimension=<project>}).
 *
 * @param task the task
 * @param estimate the estimate
 * @param k neighbours per point
 * @param inverseAveraging whether the MacKay–Ghahramani average was used
 * @param samples images drawn ({@code sampling.sample_num}, repeats included)
 * @param featureDim values per image (height x width x channels)
 */
public record TaskDimension(String task, DimensionEstimate estimate, int k, boolean inverseAveraging, int samples,
    int featureDim) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The JSON form (UTF-8 bytes). */
  public byte[] toJson() throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("task", task);
    n.put("dimension", estimate.dimension());
    n.put("std", estimate.std());
    estimate.subsets().forEach(n.putArray("subsets")::add);
    n.put("subset_size", estimate.subsetSize());
    n.put("distinct_samples", estimate.points());
    n.put("samples", samples);
    n.put("feature_dim", featureDim);
    n.put("k", k);
    n.put("inverse_averaging", inverseAveraging);
    n.put("method", "mle (Levina and Bickel 2004)" + (inverseAveraging ? ", inverse averaging (MacKay and Ghahramani)"
        : ""));
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
  }

  /** Reads an artifact; an error naming the file when it is not one. */
  public static TaskDimension read(Path file) throws IOException {
    JsonNode n;
    try {
      n = JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new DataFileException(file, "The dimension file " + file + " cannot be read (" + e.getMessage()
          + "). Estimate it again: mml dim task_list=[<task>] (without reuse.dimension).", e);
    }
    if (n == null || !n.path("dimension").isNumber() || !n.path("task").isTextual()) {
      throw new DataFileException(file, "The dimension file " + file + " has no 'task' and numeric 'dimension'."
          + " Estimate it again: mml dim task_list=[<task>] (without reuse.dimension).", null);
    }
    java.util.List<Double> subsets = new java.util.ArrayList<>();
    n.path("subsets").forEach(v -> subsets.add(v.asDouble()));
    if (subsets.isEmpty()) {
      subsets.add(n.get("dimension").asDouble());
    }
    DimensionEstimate e = new DimensionEstimate(n.get("dimension").asDouble(), n.path("std").asDouble(), subsets,
        n.path("subset_size").asInt(), n.path("distinct_samples").asInt());
    return new TaskDimension(n.get("task").asText(), e, n.path("k").asInt(), n.path("inverse_averaging").asBoolean(),
        n.path("samples").asInt(), n.path("feature_dim").asInt());
  }
}
