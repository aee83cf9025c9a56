package io.mml.runtime.data.loaders;

import io.mml.runtime.data.decoded.DataFileException;
import io.mml.runtime.data.decoded.ImageData;
import io.mml.runtime.data.decoded.MaskData;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image and mask files with ImageIO (PNG, JPEG, BMP, GIF and, since JDK 9, TIFF) into
 * {@link ImageData} and {@link MaskData}. Every failure is one {@link DataFileException} naming the
 * file, the problem and the fix. Decoder warnings (a JPEG ending early is only a warning to ImageIO,
 * which then returns a half-grey picture) count as corruption.
 */
public final class ImageFiles {
  private ImageFiles() {}

  /** Reads the first image of a file. */
  public static BufferedImage read(Path file) throws DataFileException {
    if (!Files.exists(file)) {
      throw new DataFileException(file, "Image file " + file + " does not exist. Check the path in the task description"
          + " (relative to the dataset folder) or re-create the task.", null);
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new DataFileException(file, "Image file " + file + " cannot be read (not a regular file or no read"
          + " permission). Fix its permissions or replace it.", null);
    }
    try {
      if (Files.size(file) == 0) {
        throw new DataFileException(file, "Image file " + file + " is empty (0 bytes), probably an interrupted copy or"
            + " download. Replace the file.", null);
      }
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    ImageInputStream in;
    try {
      in = ImageIO.createImageInputStream(file.toFile());
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    if (in == null) {
      throw new DataFileException(file, "Image file " + file + " cannot be opened by ImageIO.", null);
    }
    try (ImageInputStream input = in) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
      if (!readers.hasNext()) {
        throw new DataFileException(file, "Image file " + file + " is not in a supported image format (no ImageIO"
            + " reader recognises its content; supported: " + formats() + "). Convert it to PNG, or check that it is"
            + " not a corrupt file or a different file under an image name.", null);
      }
      ImageReader reader = readers.next();
      List<String> warnings = new ArrayList<>();
      try {
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        reader.setInput(input, true, true);
        BufferedImage image = reader.read(0);
        if (image == null) {
          throw corrupt(file, reader, "the decoder returned no image", null);
        }
        if (!warnings.isEmpty()) {
          throw corrupt(file, reader, warnings.get(0), null);
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (DataFileException e) {
      throw e;
    } catch (IIOException | EOFException | IndexOutOfBoundsException e) {
      throw corrupt(file, null, e.getMessage() + (e.getCause() != null ? " (" + e.getCause() + ")" : ""), e);
    } catch (IOException e) {
      throw unreadable(file, e);
    } catch (RuntimeException e) {
      // ImageIO's decoders throw assorted runtime exceptions on malformed data.
      throw corrupt(file, null, e.toString(), e);
    }
  }

  private static DataFileException unreadable(Path file, IOException e) {
    String why = e instanceof NoSuchFileException ? "it does not exist"
        : e instanceof AccessDeniedException ? "access is denied" : e.toString();
    return new DataFileException(file, "Image file " + file + " cannot be read: " + why + ". Check the file and its"
        + " permissions.", e);
  }

  private static DataFileException corrupt(Path file, ImageReader reader, String what, Throwable cause) {
    String format = "";
    try {
      format = reader == null ? "" : reader.getFormatName().toUpperCase(Locale.ROOT) + " ";
    } catch (IOException ignored) {
      // the format name is only decoration
    }
    return new DataFileException(file, "Image file " + file + " is corrupt or truncated (" + format + "decoder: " + what
        + "). Replace the file (re-download or re-export it) or remove the sample from the task.", cause);
  }

  /** The image formats ImageIO can read here, lower case. */
  public static String formats() {
    TreeSet<String> names = new TreeSet<>();
    for (String n : ImageIO.getReaderFormatNames()) {
      names.add(n.toLowerCase(Locale.ROOT));
    }
    return String.join(", ", names);
  }

  /** Reads a file as an image. */
  public static ImageData readImage(Path file) throws DataFileException {
    BufferedImage img = read(file);
    try {
      return toImageData(img);
    } catch (IllegalArgumentException e) {
      throw new DataFileException(file, "Image file " + file + " has an unsupported pixel layout (" + e.getMessage()
          + "). Convert it to an 8- or 16-bit grey or RGB PNG.", e);
    }
  }

  /** Reads a file as a mask. */
  public static MaskData readMask(Path file) throws DataFileException {
    BufferedImage img = read(file);
    try {
      return toMaskData(img);
    } catch (IllegalArgumentException e) {
      throw new DataFileException(file, "Mask file " + file + " is not a label mask: " + e.getMessage()
          + ". Masks must be single-channel grey (8 or 16 bit) or palette images holding class indices.", e);
    }
  }

  /**
   * Converts a decoded image to floats in [0, 1], CHW. Grey stays one channel, RGB three; alpha
   * is dropped; palette images become RGB (or grey when every palette entry is grey).
   */
  public static ImageData toImageData(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int n = w * h;
    ColorModel cm = img.getColorModel();
    Raster raster = img.getRaster();
    if (cm instanceof IndexColorModel icm) {
      int[] idx = raster.getSamples(0, 0, w, h, 0, (int[]) null);
      boolean grey = isGreyPalette(icm);
      // Samples scale by the reciprocal (not a division) so that CompactImage restores them exactly.
      float[] px = new float[(grey ? 1 : 3) * n];
      for (int i = 0; i < n; i++) {
        int p = idx[i];
        if (grey) {
          px[i] = icm.getRed(p) * (1f / 255);
        } else {
          px[i] = icm.getRed(p) * (1f / 255);
          px[n + i] = icm.getGreen(p) * (1f / 255);
          px[2 * n + i] = icm.getBlue(p) * (1f / 255);
        }
      }
      return new ImageData(w, h, grey ? 1 : 3, icm.getPixelSize() > 8 ? 16 : 8, px);
    }
    int space = cm.getColorSpace().getType();
    int colors = cm.getNumColorComponents();
    SampleModel sm = raster.getSampleModel();
    boolean plain = (space == ColorSpace.TYPE_GRAY && colors == 1) || (space == ColorSpace.TYPE_RGB && colors == 3);
    if (!plain || sm.getNumBands() < colors) {
      // Other colour spaces (CMYK, YCbCr TIFFs, ...): let Java2D convert to sRGB.
      int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
      float[] px = new float[3 * n];
      for (int i = 0; i < n; i++) {
        px[i] = ((argb[i] >> 16) & 0xff) * (1f / 255);
        px[n + i] = ((argb[i] >> 8) & 0xff) * (1f / 255);
        px[2 * n + i] = (argb[i] & 0xff) * (1f / 255);
      }
      return new ImageData(w, h, 3, 8, px);
    }
    int bits = 0;
    for (int b = 0; b < colors; b++) {
      bits = Math.max(bits, sm.getSampleSize(b));
    }
    if (bits > 16) {
      throw new IllegalArgumentException(bits + "-bit samples");
    }
    float scale = 1f / ((1 << bits) - 1);
    float[] px = new float[colors * n];
    DataBuffer db = raster.getDataBuffer();
    if (sm instanceof ComponentSampleModel csm && db.getNumBanks() == 1 && db.getOffset() == 0
        && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
        && (db instanceof DataBufferByte || db instanceof DataBufferUShort)) {
      // Fast path for the layouts ImageIO produces for PNG/JPEG/BMP/TIFF: read the buffer directly.
      int ps = csm.getPixelStride();
      int ss = csm.getScanlineStride();
      int[] offs = csm.getBandOffsets();
      byte[] bytes = db instanceof DataBufferByte bb ? bb.getData() : null;
      short[] shorts = db instanceof DataBufferUShort us ? us.getData() : null;
      for (int c = 0; c < colors; c++) {
        int dst = c * n;
        for (int y = 0; y < h; y++) {
          int src = y * ss + offs[c];
          if (bytes != null) {
            for (int x = 0; x < w; x++, src += ps) {
              px[dst++] = (bytes[src] & 0xff) * scale;
            }
          } else {
            for (int x = 0; x < w; x++, src += ps) {
              px[dst++] = (shorts[src] & 0xffff) * scale;
            }
          }
        }
      }
    } else {
      float[] band = new float[n];
      for (int c = 0; c < colors; c++) {
        raster.getSamples(0, 0, w, h, c, band);
        for (int i = 0; i < n; i++) {
          px[c * n + i] = band[i] * scale;
        }
      }
    }
    return new ImageData(w, h, colors, bits <= 8 ? 8 : 16, px);
  }

  private static boolean isGreyPalette(IndexColorModel icm) {
    for (int i = 0; i < icm.getMapSize(); i++) {
      if (icm.getRed(i) != icm.getGreen(i) || icm.getRed(i) != icm.getBlue(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Converts a decoded image to labels: palette images give their indices, grey images their raw
   * values (8 or 16 bit). RGB images are accepted only when all channels are equal.
   */
  public static MaskData toMaskData(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    Raster raster = img.getRaster();
    ColorModel cm = img.getColorModel();
    int[] labels = raster.getSamples(0, 0, w, h, 0, (int[]) null);
    if (cm instanceof IndexColorModel) {
      return new MaskData(w, h, labels);
    }
    int colors = cm.getNumColorComponents();
    if (colors == 3 && raster.getNumBands() >= 3) {
      int[] g = raster.getSamples(0, 0, w, h, 1, (int[]) null);
      int[] b = raster.getSamples(0, 0, w, h, 2, (int[]) null);
      if (!Arrays.equals(labels, g) || !Arrays.equals(labels, b)) {
        throw new IllegalArgumentException("it is an RGB image with differing channels");
      }
    } else if (colors != 1) {
      throw new IllegalArgumentException("it has " + colors + " colour components");
    }
    return new MaskData(w, h, labels);
  }
}
