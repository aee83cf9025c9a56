package io.mml.runtime.tasktype.builtin;

import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import com.fasterxml.jackson.databind.JsonNode;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasktype.TaskLoss;
import java.util.List;

/**
 * Cross entropy on class logits, optionally weighted per class ({@code loss.cls.class_weights}):
 * {@code null} for none, {@code auto} for inverse class frequency from the task's {@code class_occ}
 * ({@code w_c = N / (C · n_c)}, 0 for a class without training samples), or one weight per class
 * in class order.
 */
public final class ClassificationLoss implements TaskLoss {
  /** Class weights: null, auto, or a list with one number per class. */
  public static final String SETTING_CLASS_WEIGHTS = "null";

  @Override
  public Loss build(TaskHeader task, Config settings) {
    float[] weights = weights(task, settings);
    return weights == null ? new SoftmaxCrossEntropyLoss("ce") : new WeightedCrossEntropyLoss("weighted_ce", weights);
  }

  /** The class weights the settings ask for, or null. */
  static float[] weights(TaskHeader task, Config settings) {
    JsonNode n = settings.node("class_weights").orElse(null);
    String key = "loss.cls.class_weights";
    List<String> classes = task.classNames();
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual() && n.asText().equals("auto")) {
      double total = 0;
      for (String c : classes) {
        total += task.classOcc().getOrDefault(c, 0L);
      }
      float[] w = new float[classes.size()];
      for (int i = 0; i < w.length; i++) {
        long occ = task.classOcc().getOrDefault(classes.get(i), 0L);
        w[i] = occ == 0 ? 0f : (float) (total / (classes.size() * (double) occ));
      }
      return w;
    }
    if (n.isArray()) {
      if (n.size() != classes.size()) {
        throw new ConfigException(key, "Config key '" + key + "' has " + n.size() + " weights but task '" + task.name()
            + "' has " + classes.size() + " classes " + classes + ". Give one weight per class, or 'auto'.");
      }
      float[] w = new float[n.size()];
      for (int i = 0; i < w.length; i++) {
        if (!n.get(i).isNumber() || n.get(i).asDouble() < 0) {
          throw new ConfigException(key, "Config key '" + key + "[" + i + "]' must be a number >= 0; found '"
              + n.get(i) + "'.");
        }
        w[i] = (float) n.get(i).asDouble();
      }
      return w;
    }
    throw new ConfigException(key, "Config key '" + key + "' must be null, 'auto' or a list of numbers; found '" + n
        + "'.");
  }
}
