package io.mml.runtime.tasks.verify;

import io.mml.runtime.modality.ModalityVerifier;
import io.mml.runtime.modality.VerifyContext;
import java.util.List;

/**
 * {@code soft_classes}: one weight in [0, 1] per class index of {@code idx_to_class} (in index
 * order); the weights count into the class occurrences. A length mismatch is an error (mml built
 * that error without raising it).
 */
public class SoftClassesVerifier implements ModalityVerifier {
  @Override
  public void verify(VerifyContext ctx, Object entry) {
    if (!(entry instanceof List<?> list)) {
      throw ctx.fail("soft_classes", "must be a list of weights in [0, 1], found " + Labels.describe(entry));
    }
    List<Integer> indices = List.copyOf(ctx.idxToClass().keySet());
    if (list.size() != indices.size()) {
      throw ctx.fail("soft_classes", "has " + list.size() + " weights but the class map has " + indices.size()
          + " classes " + ctx.idxToClass());
    }
    double[] w = new double[list.size()];
    for (int i = 0; i < list.size(); i++) {
      Double d = Labels.number(list.get(i));
      if (d == null || d < 0 || d > 1) {
        throw ctx.fail("soft_classes", "weight " + i + " is " + Labels.describe(list.get(i))
            + "; weights must be numbers in [0, 1]");
      }
      w[i] = d;
    }
    for (int i = 0; i < w.length; i++) {
      if (w[i] > 0) {
        ctx.countClass(ctx.idxToClass().get(indices.get(i)), w[i]);
      }
    }
  }
}
