package io.mml.runtime.tasks.verify;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/** Strict image decoding: the header must be recognised and the whole image must decode without warnings. */
public final class Images {
  private Images() {}

  /**
   * Decodes the first image of a file completely.
   *
   * @throws IOException naming the file when it is no image, is corrupt or is truncated
   */
  public static BufferedImage decode(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file); ImageInputStream in = ImageIO.createImageInputStream(raw)) {
      if (in == null) {
        throw new IOException(file + ": cannot open an image stream");
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException(file + " is not a readable image (unknown or corrupt header)");
      }
      ImageReader reader = readers.next();
      StringBuilder warnings = new StringBuilder();
      IIOReadWarningListener listener = (source, warning) -> warnings.append(warnings.length() == 0 ? "" : "; ")
          .append(warning);
      try {
        reader.setInput(in, true, true);
        reader.addIIOReadWarningListener(listener);
        BufferedImage img = reader.read(0);
        if (warnings.length() > 0) {
          throw new IOException(file + " is corrupt or truncated: " + warnings);
        }
        if (img == null || img.getWidth() <= 0 || img.getHeight() <= 0) {
          throw new IOException(file + " decodes to an empty image");
        }
        return img;
      } catch (IOException e) {
        if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
          throw e;
        }
        throw new IOException(file + " is corrupt or truncated (" + reader.getFormatName() + "): " + e, e);
      } catch (RuntimeException e) {
        throw new IOException(file + " is corrupt or truncated (" + reader.getFormatName() + "): " + e, e);
      } finally {
        reader.dispose();
      }
    }
  }
}
