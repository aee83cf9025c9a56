package io.mml.runtime.modes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.PerTask;
import io.mml.annotations.Subroutine;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.preprocess.PreprocessedTask;
import io.mml.runtime.preprocess.PreprocessingPipeline;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.tasks.TaskFiles;
import io.mml.runtime.tasks.TaskIndex;
import io.mml.runtime.tasks.TaskStruct;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built-in {@code pp} mode: writes a preprocessed copy of each task (images and masks through
 * the {@code preprocessing} pipeline, statistics recomputed) to {@code PREPROCESSED/<id>/}. Later
 * runs with {@code preprocessing=<id>} read those copies. A {@code _definition.yaml} per id records
 * the pipeline and refuses a different one under the same id.
 */
@Mode(id = "pp", description = "Preprocesses tasks into PREPROCESSED/<preprocessing.id>/ (resize, pad, crop, normalise).")
public class PreprocessScheduler extends AbstractBaseScheduler {
  static final String DEFINITION = "_definition.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Param(defaultValue = "false", doc = "Preprocess a task again even when its copy for this id exists.")
  boolean overwrite;

  private String ppId;
  private JsonNode pipelineNode;
  private PreprocessingPipeline pipeline;

  @Override
  protected String preprocessingId() {
    return TaskIndex.RAW_PP; // pp reads the raw tasks and makes the copies
  }

  @Override
  protected void checkConfig(Config config) throws IOException {
    ppId = config.getString("preprocessing.id");
    if (ppId == null || ppId.equals(TaskIndex.RAW_PP)) {
      throw new ConfigException("preprocessing", "Mode pp needs a preprocessing to apply: choose one, e.g."
          + " mml pp preprocessing=size64 tasks=..., or write your own preprocessing/<id>.yaml.");
    }
    if (!ppId.matches("[A-Za-z0-9_\\-]+")) {
      throw new ConfigException("preprocessing.id", "Config key 'preprocessing.id' must be a plain folder name;"
          + " found '" + ppId + "'.");
    }
    pipelineNode = config.node("preprocessing.pipeline").orElse(null);
    pipeline = PreprocessingPipeline.parse(pipelineNode);
    Path definition = definition(config);
    if (Files.exists(definition)) {
      JsonNode existing = YAML.readTree(definition.toFile());
      if (!PreprocessingPipeline.parse(existing.get("pipeline")).toString().equals(pipeline.toString())) {
        throw new ConfigException("preprocessing.pipeline", "Preprocessing id '" + ppId + "' already holds copies"
            + " made with another pipeline (" + definition + ": " + existing.get("pipeline") + "; now: "
            + pipelineNode + "). Use a new id (preprocessing.id=<new>) or delete " + definition.getParent()
            + " to redo it.");
      }
    }
  }

  @Override
  protected void afterPreparation() throws IOException {
    Path definition = definition(config());
    if (!Files.exists(definition)) {
      Files.createDirectories(definition.getParent());
      ObjectNode wanted = YAML.createObjectNode();
      wanted.put("id", ppId);
      wanted.set("pipeline", pipelineNode == null ? YAML.createArrayNode() : pipelineNode);
      AtomicFiles.write(definition, YAML.writeValueAsBytes(wanted));
    }
  }

  private Path definition(Config config) {
    return config.getPath("data_dir").toAbsolutePath().normalize().resolve(TaskFiles.PREPROCESSED).resolve(ppId)
        .resolve(DEFINITION);
  }

  @Subroutine("preprocess")
  @PerTask
  void preprocess(TaskStruct task) throws IOException {
    Path dataRoot = config().getPath("data_dir").toAbsolutePath().normalize();
    TaskIndex index = TaskIndex.scan(dataRoot);
    if (!overwrite && index.preprocessings(task.name()).contains(ppId)) {
      log.info("Task {} is already preprocessed as '{}' ({}); skipped (mode.overwrite=true redoes it).", task.name(),
          ppId, index.descriptionPath(task.name(), ppId));
      return;
    }
    int threads = Math.max(1, config().getInt("num_workers"));
    Path written = PreprocessedTask.write(task, dataRoot, ppId, pipeline, threads);
    log.info("Preprocessed {} as '{}': {}", task.name(), ppId, written);
  }
}
