package com.example;

import io.mml.annotations.ModalityDef;
import io.mml.annotations.Requires;
import io.mml.annotations.TaskTypeDef;

final class Depth {
  private Depth() {}

  @ModalityDef(id = "depth", verifier = DepthParts.Verifier.class)
  static final class NoLoader {}

  @TaskTypeDef(id = "depth_estimation", requires = @Requires({"dpeth"}), target = "depth", route = "depth",
      loss = DepthParts.Loss.class, metrics = DepthParts.Rmse.class)
  static final class NoHeadAndATypo {}
}
