package io.mml.runtime.train;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps glibc's allocator from giving libtorch's per-batch buffers back to the kernel after every
 * step. By default glibc serves blocks over a dynamic threshold (128 KiB at first) with fresh
 * {@code mmap}s and unmaps them on free, so each training step page-faults in and zeroes its
 * activations and gradients again: measured on the 28x28 CNN at 1 thread, 3.7-4.0 s per epoch
 * against 3.1 s with the settings below (bench/train-vs-pytorch.sh; the profile showed
 * {@code exc_page_fault} and {@code clear_page} under {@code torchBackward}). This sets, once per
 * JVM, the mmap threshold to 32 MiB and the trim threshold and top pad to 256 / 64 MiB: freed
 * buffers stay in the heap for the next step (the process keeps up to about that much more
 * memory). Environment variables {@code MALLOC_*_} set by the user win (nothing is changed then);
 * on other C libraries or systems this does nothing.
 */
public final class NativeAllocator {
  private static final Logger LOG = LoggerFactory.getLogger(NativeAllocator.class);
  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_TOP_PAD = -2;
  private static final int M_MMAP_THRESHOLD = -3;
  private static volatile boolean done;

  private NativeAllocator() {}

  /** glibc's {@code mallopt}. */
  interface LibC extends Library {
    int mallopt(int param, int value);
  }

  /** Applies the settings once (safe to call from every training). */
  public static synchronized void tune() {
    if (done) {
      return;
    }
    done = true;
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
        || System.getenv().keySet().stream().anyMatch(k -> k.startsWith("MALLOC_") && k.endsWith("_"))) {
      return;
    }
    try {
      LibC c = Native.load("c", LibC.class);
      boolean ok = c.mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 & c.mallopt(M_TRIM_THRESHOLD, 256 << 20) == 1
          & c.mallopt(M_TOP_PAD, 64 << 20) == 1;
      LOG.debug("glibc allocator tuned for training: {}", ok ? "ok" : "mallopt refused a setting");
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      LOG.debug("glibc allocator not tuned ({}); training works, a little slower", e.toString());
    }
  }
}
