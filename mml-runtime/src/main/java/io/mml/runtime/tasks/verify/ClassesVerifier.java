package io.mml.runtime.tasks.verify;

import io.mml.runtime.modality.ModalityVerifier;
import io.mml.runtime.modality.VerifyContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code classes} (multi-label): a list of distinct integer class indices, each in {@code idx_to_class}. */
public class ClassesVerifier implements ModalityVerifier {
  @Override
  public void verify(VerifyContext ctx, Object entry) {
    if (!(entry instanceof List<?> list)) {
      throw ctx.fail("classes", "must be a list of integer class indices, found " + Labels.describe(entry));
    }
    Set<Integer> seen = new HashSet<>();
    for (Object o : list) {
      Integer idx = Labels.index(o);
      if (idx == null) {
        throw ctx.fail("classes", "must be a list of integer class indices, found element " + Labels.describe(o));
      }
      if (!ctx.idxToClass().containsKey(idx)) {
        throw ctx.fail("classes", "class index " + idx + " is not in the class map " + ctx.idxToClass());
      }
      if (!seen.add(idx)) {
        throw ctx.fail("classes", "class index " + idx + " is listed twice in " + list);
      }
    }
    for (int idx : seen) {
      ctx.countClass(ctx.idxToClass().get(idx), 1);
    }
  }
}
