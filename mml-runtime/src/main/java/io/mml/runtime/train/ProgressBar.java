package io.mml.runtime.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * A one-line progress bar for the batches of an epoch on the terminal (stderr), redrawn in place;
 * silent when there is no terminal (logs, CI, cluster jobs) or {@code trainer.progress_bar=false}.
 */
final class ProgressBar {
  private static final ProgressBar SILENT = new ProgressBar(null, "", 0);

  private final PrintStream out;
  private final String label;
  private final int total;
  private final long start = System.nanoTime();
  private long lastDraw;

  private ProgressBar(PrintStream out, String label, int total) {
    this.out = out;
    this.label = label;
    this.total = total;
  }

  static ProgressBar forEpoch(String name, int epoch, int epochs, int batches, boolean on) {
    if (!on || System.console() == null || batches <= 0) {
      return SILENT;
    }
    return new ProgressBar(System.err, name + " epoch " + epoch + "/" + epochs, batches);
  }

  /** Redraws at most every 100 ms; {@code loss} is read only then (it may synchronise with the device). */
  void step(int done, DoubleSupplier loss) {
    if (out == null) {
      return;
    }
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int width = 30;
    int filled = (int) ((long) width * done / total);
    double secs = (now - start) / 1e9;
    double eta = done == 0 ? 0 : secs / done * (total - done);
    out.print(String.format(Locale.ROOT, "\r%s [%s%s] %d/%d loss %.4f %.0fs left ", label, "#".repeat(filled),
        ".".repeat(width - filled), done, total, loss.getAsDouble(), eta));
    out.flush();
  }

  void done() {
    if (out != null) {
      out.print("\r" + " ".repeat(label.length() + 70) + "\r");
      out.flush();
    }
  }
}
