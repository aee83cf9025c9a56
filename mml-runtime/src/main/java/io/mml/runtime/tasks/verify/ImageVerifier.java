package io.mml.runtime.tasks.verify;

import io.mml.runtime.modality.ModalityVerifier;
import io.mml.runtime.modality.VerifyContext;
import java.io.IOException;
import java.nio.file.Path;

/** {@code image}: a file inside the dataset folder that decodes completely (corrupt or truncated files fail). */
public class ImageVerifier implements ModalityVerifier {
  @Override
  public void verify(VerifyContext ctx, Object entry) {
    Path file = SamplePaths.resolve(ctx, "image", entry);
    try {
      Images.decode(file);
    } catch (IOException e) {
      throw ctx.fail("image", e.getMessage());
    }
  }
}
