package io.mml.runtime.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.data.decoded.DataFileException;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of one trained model, as mml's model storage: what it was trained on (task, fold,
 * pipeline config), where its parameters and ONNX export are, how it performed per epoch, and, as
 * later steps add them, its predictions and test metrics. Paths are stored relative to the results
 * root. The JSON object is kept as a tree so later steps add keys without losing unknown ones.
 */
public final class ModelStorage {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The path key of model storages ({@code MODELS/<task>/}), reusable with {@code reuse.models}. */
  public static final String KEY = "models";
  /** How a model storage's file name starts. */
  public static final String FILE_PREFIX = "model_storage";

  private final ObjectNode root;

  private ModelStorage(ObjectNode root) {
    this.root = root;
  }

  /** The task struct path key under which a fold's model storage is recorded ({@code model_fold_<k>}). */
  public static String structKey(int fold) {
    return "model_fold_" + fold;
  }

  /** The file name a fold's model storage is claimed under (numbered by the file manager). */
  public static String fileName(int fold) {
    return FILE_PREFIX + "_fold" + fold + ".json";
  }

  /** The model storages of {@code task} in the projects {@code reuse.models} names (empty when there are none). */
  public static List<Path> reused(ProjectFiles files, String task) {
    List<Path> out = new ArrayList<>();
    for (Path p : files.reusableFiles(task).getOrDefault(KEY, List.of())) {
      if (p.getFileName().toString().startsWith(FILE_PREFIX) && Files.isRegularFile(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /** A new storage. */
  public static ModelStorage create(String task, int fold) {
    ObjectNode n = JSON.createObjectNode();
    n.put("task", task);
    n.put("fold", fold);
    return new ModelStorage(n);
  }

  /** Reads a storage file; a clear error names the file when it is not one. */
  public static ModelStorage read(Path file) throws IOException {
    JsonNode n = JSON.readTree(file.toFile());
    if (n == null || !n.isObject() || !n.has("task")) {
      throw new DataFileException(file, "Model storage " + file + " is empty or not a model storage (no 'task' key):"
          + " it was probably claimed by a run that stopped before writing it. Train the model again.", null);
    }
    return new ModelStorage((ObjectNode) n);
  }

  /** The mutable JSON tree. */
  public ObjectNode json() {
    return root;
  }

  public String task() {
    return root.get("task").asText();
  }

  public int fold() {
    return root.path("fold").asInt();
  }

  /** A path-valued entry relative to the results root, or null. */
  public String path(String key) {
    JsonNode n = root.get(key);
    return n == null || n.isNull() ? null : n.asText();
  }

  /** Writes the storage atomically. */
  public void write(Path file) throws IOException {
    AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }
}
