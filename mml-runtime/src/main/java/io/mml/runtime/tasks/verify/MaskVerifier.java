package io.mml.runtime.tasks.verify;

import io.mml.runtime.modality.ModalityVerifier;
import io.mml.runtime.modality.VerifyContext;
import io.mml.runtime.tasks.TaskDescriptions;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code mask}: a single-channel (grey or palette) image whose pixel values are class indices of
 * {@code idx_to_class}, or 255 (ignore). Each class present in the mask counts once for the image.
 * {@link TaskDescriptions#EMPTY_MASK} stands for an all-background mask.
 */
public class MaskVerifier implements ModalityVerifier {
  /** The mask value that is ignored by losses and metrics. */
  public static final int IGNORE = 255;

  @Override
  public void verify(VerifyContext ctx, Object entry) {
    if (TaskDescriptions.EMPTY_MASK.equals(entry)) {
      String bg = ctx.idxToClass().get(0);
      if (bg == null) {
        throw ctx.fail("mask", "is " + TaskDescriptions.EMPTY_MASK + " (all zero) but class index 0 is not in the"
            + " class map " + ctx.idxToClass());
      }
      ctx.countClass(bg, 1);
      return;
    }
    Path file = SamplePaths.resolve(ctx, "mask", entry);
    BufferedImage img;
    try {
      img = Images.decode(file);
    } catch (IOException e) {
      throw ctx.fail("mask", e.getMessage());
    }
    for (int v : values(ctx, file, img)) {
      if (v == IGNORE) {
        continue;
      }
      String name = ctx.idxToClass().get(v);
      if (name == null) {
        throw ctx.fail("mask", "mask " + file + " holds value " + v + ", which is not in the class map "
            + ctx.idxToClass() + " (nor 255 = ignore)");
      }
      ctx.countClass(name, 1);
    }
  }

  /** The distinct pixel values of a single-channel mask, ascending. */
  static Set<Integer> values(VerifyContext ctx, Path file, BufferedImage img) {
    Raster r = img.getRaster();
    if (r.getNumBands() != 1) {
      throw ctx.fail("mask", "mask " + file + " has " + r.getNumBands() + " channels; masks must be grey-scale or"
          + " palette images whose values are class indices");
    }
    int w = r.getWidth();
    int h = r.getHeight();
    int[] row = new int[w];
    boolean[] seen = new boolean[65536];
    Set<Integer> out = new TreeSet<>();
    for (int y = 0; y < h; y++) {
      r.getSamples(0, y, w, 1, 0, row);
      for (int v : row) {
        if (!seen[v & 0xFFFF]) {
          seen[v & 0xFFFF] = true;
          out.add(v);
        }
      }
    }
    return out; // grey value or palette index = class index
  }
}
