package com.example;

import ai.djl.training.loss.L1Loss;
import io.mml.runtime.config.Config;
import io.mml.runtime.modality.ModalityVerifier;
import io.mml.runtime.modality.VerifyContext;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasktype.Predictions;
import io.mml.runtime.tasktype.TaskLoss;
import io.mml.runtime.tasktype.TaskMetric;

public final class DepthParts {
  private DepthParts() {}

  public static final class Verifier implements ModalityVerifier {
    @Override
    public void verify(VerifyContext ctx, Object entry) {}
  }

  public static final class Loss implements TaskLoss {
    @Override
    public ai.djl.training.loss.Loss build(TaskHeader task, Config settings) {
      return new L1Loss();
    }
  }

  public static final class Rmse implements TaskMetric {
    @Override
    public String name() {
      return "rmse";
    }

    @Override
    public boolean higherIsBetter() {
      return false;
    }

    @Override
    public double compute(Predictions p) {
      return 0;
    }
  }
}
