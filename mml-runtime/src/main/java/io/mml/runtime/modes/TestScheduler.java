package io.mml.runtime.modes;

import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.PerTask;
import io.mml.annotations.Resources;
import io.mml.annotations.Subroutine;
import io.mml.runtime.config.Config;
import io.mml.runtime.data.SamplingOptions;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.train.ModelEvaluator;
import java.io.IOException;

/**
 * The built-in {@code test} mode: tests models trained earlier ({@code reuse.models=<project>}) on
 * each task's test split with ONNX Runtime; the metrics are appended to their model storages.
 */
@Mode(id = "test", defaults = {"sampling=train"},
    description = "Tests reused trained models (reuse.models=<project>) on each task's test split.")
public class TestScheduler extends AbstractBaseScheduler {
  @Param(defaultValue = "64", doc = "Samples per batch for ONNX Runtime.")
  int inferenceBatch;

  @Param(defaultValue = "1", doc = "Threads of ONNX Runtime's CPU provider.")
  int inferenceThreads;

  @Override
  protected java.util.List<io.mml.runtime.files.PathKey> pathKeys() {
    return java.util.List.of(TrainingScheduler.TEST);
  }

  @Override
  protected void checkConfig(Config config) {
    ReusedModels.require(config, "test", "");
  }

  @Subroutine("test")
  @PerTask
  @Resources(cpus = 2, memory = "8G", time = "1:00:00")
  void test(TaskStruct task) throws IOException {
    ModelEvaluator evaluator = new ModelEvaluator(files(), config(), SamplingOptions.fromConfig(config()).newCache(),
        inferenceBatch, inferenceThreads);
    TrainingScheduler.writeTestReport(task, ReusedModels.of(files(), task.name()), evaluator, files());
  }
}
