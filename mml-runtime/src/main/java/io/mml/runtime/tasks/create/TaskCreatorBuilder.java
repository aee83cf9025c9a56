package io.mml.runtime.tasks.create;

import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.TaskNames;
import java.nio.file.Path;
import java.util.List;

/**
 * The options of a {@link TaskCreator} (from {@link TaskCreator#builder}): the descriptive header
 * fields, folds, seed, threads and where verifiers and task type rules come from, with their
 * defaults; {@link #build()} checks them (task name, task type, number of folds).
 */
public final class TaskCreatorBuilder {
  final String name;
  final String taskType;
  final Path datasetDir;
  List<String> keywords = List.of();
  String description = "";
  String license = "";
  String release = "";
  String reference = "";
  String url = "";
  int numFolds = 5;
  long seed = 42;
  int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
  ModalityLookup modalities = ModalityLookup.builtin();
  TaskTypeRules types = TaskTypeRules.builtin();

  TaskCreatorBuilder(String name, String taskType, Path datasetDir) {
    this.name = name;
    this.taskType = taskType;
    this.datasetDir = datasetDir;
  }

  public TaskCreatorBuilder keywords(List<String> v) {
    keywords = List.copyOf(v);
    return this;
  }

  public TaskCreatorBuilder description(String v) {
    description = v;
    return this;
  }

  public TaskCreatorBuilder license(String v) {
    license = v;
    return this;
  }

  public TaskCreatorBuilder release(String v) {
    release = v;
    return this;
  }

  public TaskCreatorBuilder reference(String v) {
    reference = v;
    return this;
  }

  public TaskCreatorBuilder url(String v) {
    url = v;
    return this;
  }

  /** Number of training folds (at least 2; default 5). */
  public TaskCreatorBuilder numFolds(int v) {
    numFolds = v;
    return this;
  }

  /** Seed of the fold split (default 42). */
  public TaskCreatorBuilder seed(long v) {
    seed = v;
    return this;
  }

  /** Threads for verification and statistics (default: the number of cores). */
  public TaskCreatorBuilder workers(int v) {
    workers = Math.max(1, v);
    return this;
  }

  /** Where verifiers come from (default {@link ModalityLookup#builtin()}). */
  public TaskCreatorBuilder modalities(ModalityLookup v) {
    modalities = v;
    return this;
  }

  /** Task type requirements (default {@link TaskTypeRules#builtin()}). */
  public TaskCreatorBuilder taskTypes(TaskTypeRules v) {
    types = v;
    return this;
  }

  /** Checks the options and returns the creator. */
  public TaskCreator build() {
    String p = TaskNames.baseProblem(name);
    if (p != null) {
      throw new TaskException("Invalid task name '" + name + "': " + p);
    }
    if (taskType == null || !types.types().contains(taskType)) {
      throw new TaskException("Task '" + name + "': unknown task type '" + taskType + "'; known: " + types.types());
    }
    if (numFolds < 2) {
      throw new TaskException("Task '" + name + "': the number of folds must be at least 2, got " + numFolds);
    }
    return new TaskCreator(this);
  }
}
