package io.mml.runtime.infer;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Execution provider selection. ONNX Runtime has no automatic CUDA fallback: {@code addCUDA} throws
 * where the CUDA provider is missing (the CPU-only jar, no CUDA libraries, no driver), so the CUDA
 * provider is probed and the CPU provider taken when that fails.
 */
public final class Providers {
  private static final Logger LOG = LoggerFactory.getLogger(Providers.class);

  private Providers() {}

  /** The execution provider a session runs on. */
  public enum Kind {
    CUDA,
    CPU
  }

  /**
   * The chosen provider.
   *
   * @param kind CUDA or CPU
   * @param device the CUDA device id (0 for CPU)
   * @param reason why CPU was chosen ({@code allow_gpu=false} or {@code no CUDA available: ...});
   *     empty for CUDA
   */
  public record Selection(Kind kind, int device, String reason) {
    public static Selection cuda(int device) {
      return new Selection(Kind.CUDA, device, "");
    }

    public static Selection cpu(String reason) {
      return new Selection(Kind.CPU, 0, reason);
    }

    public boolean isCuda() {
      return kind == Kind.CUDA;
    }

    /** The single INFO line logged for this choice. */
    public String logLine() {
      return kind == Kind.CUDA
          ? "ONNX Runtime: using the CUDA execution provider (device " + device + ")"
          : "ONNX Runtime: using the CPU execution provider (" + reason + ")";
    }
  }

  /** Adds the CUDA provider to session options; replaceable in tests. */
  @FunctionalInterface
  interface CudaAdder {
    void add(SessionOptions options, int device) throws OrtException;
  }

  static final CudaAdder REAL_CUDA = SessionOptions::addCUDA;

  /** {@link #select(boolean, int)} on device 0. */
  public static Selection select(boolean allowGpu) {
    return select(allowGpu, 0);
  }

  /**
   * Chooses the provider and logs exactly one INFO line saying which: CUDA when {@code allowGpu}
   * and the CUDA provider can be added for {@code device}, else CPU with the reason.
   */
  public static Selection select(boolean allowGpu, int device) {
    Selection s = probe(allowGpu, device, REAL_CUDA);
    log(s);
    return s;
  }

  /** Provider lines already logged at INFO by this JVM: a run opens many sessions, the user wants one line. */
  private static final java.util.Set<String> LOGGED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Forgets which lines were logged (tests that count log lines). */
  static void forgetLogged() {
    LOGGED.clear();
  }

  static void log(Selection s) {
    String line = s.logLine();
    if (LOGGED.add(line)) {
      LOG.info(line);
    } else {
      LOG.debug(line);
    }
  }

  /** The choice without logging: tries to add CUDA to throw-away options. */
  static Selection probe(boolean allowGpu, int device, CudaAdder cuda) {
    if (!allowGpu) {
      return Selection.cpu("allow_gpu=false");
    }
    OrtEnv.get(); // the natives must be loaded before SessionOptions
    try (SessionOptions probe = new SessionOptions()) {
      cuda.add(probe, device);
      return Selection.cuda(device);
    } catch (OrtException | UnsatisfiedLinkError | IllegalArgumentException | UnsupportedOperationException e) {
      return Selection.cpu("no CUDA available: " + reason(e));
    }
  }

  /** A one-line reason from an exception (its message's first line, or its class). */
  static String reason(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    m = m.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }
}
