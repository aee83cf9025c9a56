package com.example.study;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.loss.L1Loss;
import io.mml.runtime.config.Config;
import io.mml.runtime.modality.ModalityLoader;
import io.mml.runtime.modality.ModalityVerifier;
import io.mml.runtime.modality.VerifyContext;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasktype.Predictions;
import io.mml.runtime.tasktype.TaskHead;
import io.mml.runtime.tasktype.TaskLoss;
import io.mml.runtime.tasktype.TaskMetric;
import java.nio.file.Path;

/** The pieces of the depth modality and task type. */
public final class DepthParts {
  private DepthParts() {}

  public static final class Loader implements ModalityLoader {
    @Override
    public Object load(Path datasetDir, Object entry) {
      return datasetDir.resolve(String.valueOf(entry));
    }
  }

  public static final class Verifier implements ModalityVerifier {
    @Override
    public void verify(VerifyContext ctx, Object entry) {
      if (!(entry instanceof String)) {
        throw ctx.fail("depth", "expected a path, found " + entry);
      }
    }
  }

  public static final class Head implements TaskHead {
    @Override
    public Block build(int numOutputs) {
      return Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(numOutputs).build();
    }
  }

  public static final class Loss implements TaskLoss {
    /** The L1 weight. */
    public static final String SETTING_WEIGHT = "1.0";

    @Override
    public ai.djl.training.loss.Loss build(TaskHeader task, Config settings) {
      return new L1Loss("l1", (float) settings.getDouble("weight"));
    }
  }

  public static final class Rmse implements TaskMetric {
    public static final String NAME = "rmse";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public boolean higherIsBetter() {
      return false;
    }

    @Override
    public double compute(Predictions p) {
      double sum = 0;
      for (int i = 0; i < p.size(); i++) {
        double d = p.scores()[i][0] - p.targets()[i][0];
        sum += d * d;
      }
      return Math.sqrt(sum / p.size());
    }
  }
}
