package io.mml.runtime.modes;

import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.Subroutine;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasks.create.TaskImport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in {@code create} mode: imports a data set as a task with a registered importer
 * ({@link io.mml.runtime.tasks.create.TaskCreatorProvider}) and registers it in the task index.
 *
 * <pre>
 * mml create mode.importer=folder mode.source=/data/skin mode.task=skin
 * mml create mode.importer=csv mode.source=/data/labels.csv mode.task=xray mode.type=multilabel_classification
 * mml create mode.importer=segmentation mode.images=/d/img mode.masks=/d/msk mode.classes=[background,tumour] mode.task=seg
 * mml create mode.importer=folder mode.source=/downloads/skin.zip mode.task=skin
 * </pre>
 *
 * Every bad input (corrupt image, unreadable file, mask value outside the classes, duplicate ids,
 * a CSV row with a missing field, a class without samples, an archive entry escaping its folder)
 * is a configuration error (exit status 2) naming the file, row or sample, and leaves no task behind.
 */
@Mode(id = "create", defaults = {"tasks=none"},
    description = "Creates a task from images (folder, csv, segmentation importers; zip/tar.gz archives).")
public class CreateScheduler extends AbstractBaseScheduler {
  @Param(defaultValue = "folder", doc = "The importer: folder, csv, segmentation, or a registered TaskCreatorProvider.")
  String importer;

  @Param(defaultValue = "null", doc = "The source folder, CSV file, or .zip/.tar.gz/.tgz archive (extracted into"
      + " DOWNLOADS/<dataset>).")
  String source;

  @Param(defaultValue = "null", doc = "The name of the new task (required).")
  String task;

  @Param(defaultValue = "null", doc = "The task type when the importer cannot infer it: classification,"
      + " multilabel_classification, regression, semantic_segmentation, no_task.")
  String type;

  @Param(defaultValue = "null", doc = "The dataset folder RAW/DSET_<dataset>; default: the task name.")
  String dataset;

  @Param(defaultValue = "5", doc = "Number of class-balanced training folds (at least 2), split with the run seed.")
  int folds;

  @Param(defaultValue = "false", doc = "Replace an existing task of the same name.")
  boolean overwrite;

  @Param(defaultValue = "null", doc = "segmentation: the images folder (relative to mode.source; default images/).")
  String images;

  @Param(defaultValue = "null", doc = "segmentation: the masks folder, matched to images by file name (default masks/).")
  String masks;

  @Param(defaultValue = "null", doc = "segmentation: test images folder (default test/images/ when present).")
  String testImages;

  @Param(defaultValue = "null", doc = "segmentation: test masks folder (default test/masks/ when present).")
  String testMasks;

  @Param(defaultValue = "[]", doc = "segmentation: class names; the mask value is the position (255 = ignore).")
  List<String> classes;

  @Param(defaultValue = "null", doc = "segmentation: a class map file (JSON {\"0\": \"background\"} or lines 0,background).")
  String classMap;

  @Param(defaultValue = "null", doc = "csv: the CSV file inside a source folder or archive (when it holds several).")
  String csv;

  @Param(defaultValue = ",", doc = "csv: the field separator.")
  String delimiter;

  @Param(defaultValue = "", doc = "Free text stored in the task description (default: where it was imported from).")
  String description;

  @Subroutine("import")
  void importTask() {
    if (task == null || task.isBlank()) {
      throw new ConfigException("mode.task", "Config key 'mode.task' is required: the name of the new task, e.g."
          + " mml create mode.importer=folder mode.source=<dir> mode.task=<name>");
    }
    Map<String, Object> options = new LinkedHashMap<>();
    put(options, "images", images);
    put(options, "masks", masks);
    put(options, "test_images", testImages);
    put(options, "test_masks", testMasks);
    put(options, "class_map", classMap);
    put(options, "csv", csv);
    put(options, "delimiter", delimiter);
    put(options, "description", description);
    if (classes != null && !classes.isEmpty()) {
      options.put("classes", classes);
    }
    int workers = Math.max(1, config().getInt("num_workers"));
    TaskImport.Request request = new TaskImport.Request(files().dataRoot(), importer,
        source == null || source.isBlank() ? null : Path.of(source), task, dataset, type, options, folds, seed(),
        workers, overwrite);
    Path file;
    try {
      file = TaskImport.create(request);
    } catch (TaskException e) {
      // Bad input is the user's to fix: reported like a configuration error (message only, exit status 2).
      throw new ConfigException("mode", "Cannot create task '" + task + "': " + e.getMessage(), e);
    }
    TaskHeader h = context().tasks().register(file);
    log.info("Created task '{}' ({}, {} classes, {} training samples in {} folds) at {}. Use it with"
        + " task_list=[{}].", h.name(), h.taskType(), h.numClasses(), h.numSamples(), h.numFolds(), file, h.name());
  }

  private static void put(Map<String, Object> m, String k, String v) {
    if (v != null && !v.isBlank()) {
      m.put(k, v);
    }
  }
}
