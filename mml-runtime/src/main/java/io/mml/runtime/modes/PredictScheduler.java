package io.mml.runtime.modes;

import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.PerTask;
import io.mml.annotations.Resources;
import io.mml.annotations.Subroutine;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.data.SamplingOptions;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.train.ModelEvaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built-in {@code predict} mode: predictions per split with ONNX Runtime, from models trained
 * earlier ({@code reuse.models=<project>}) or from an ONNX file exported elsewhere
 * ({@code mode.onnx=<file>}, e.g. from PyTorch), whose input and output are checked against the task.
 */
@Mode(id = "predict", defaults = {"sampling=train"},
    description = "Predicts tasks with reused trained models (reuse.models=<project>) or your own ONNX file (mode.onnx=...).")
public class PredictScheduler extends AbstractBaseScheduler {
  @Param(doc = "An ONNX model exported elsewhere (e.g. from PyTorch) to predict with instead of reused models.")
  Path onnx;

  @Param(doc = "The output of the ONNX model to use when it has several (default: the only one).")
  String outputName;

  @Param(defaultValue = "64", doc = "Samples per batch for ONNX Runtime.")
  int inferenceBatch;

  @Param(defaultValue = "1", doc = "Threads of ONNX Runtime's CPU provider.")
  int inferenceThreads;

  @Override
  protected void checkConfig(Config config) {
    if (onnx != null) {
      if (!Files.isRegularFile(onnx)) {
        throw new ConfigException("mode.onnx", "mode.onnx: " + onnx + " is not a file. Give the path of a .onnx model.");
      }
    } else {
      ReusedModels.require(config, "predict", ", or give your own model with mode.onnx=<file.onnx>");
    }
  }

  @Subroutine("predict")
  @PerTask
  @Resources(gpus = 1, cpus = 2, memory = "8G", time = "2:00:00")
  void predict(TaskStruct task) throws IOException {
    ModelEvaluator evaluator = new ModelEvaluator(files(), config(), SamplingOptions.fromConfig(config()).newCache(),
        inferenceBatch, inferenceThreads);
    if (onnx != null) {
      evaluator.predictExternal(task, onnx.toAbsolutePath(), outputName);
      return;
    }
    for (Path storage : ReusedModels.of(files(), task.name())) {
      evaluator.predict(task, storage);
    }
  }
}
