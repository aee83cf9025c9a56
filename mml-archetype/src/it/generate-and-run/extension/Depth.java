package com.example.study;

import io.mml.annotations.ModalityDef;
import io.mml.annotations.Requires;
import io.mml.annotations.TaskTypeDef;

/** A new modality and a task type using it. */
final class Depth {
  private Depth() {}

  @ModalityDef(id = "depth", loader = DepthParts.Loader.class, verifier = DepthParts.Verifier.class, augmentable = true)
  static final class Modality {}

  @TaskTypeDef(id = "depth_estimation", requires = @Requires({"image", "depth"}), target = "depth", route = "depth",
      head = DepthParts.Head.class, loss = DepthParts.Loss.class, metrics = DepthParts.Rmse.class)
  static final class Estimation {}
}
