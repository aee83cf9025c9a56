package io.mml.runtime.infer;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An ONNX model opened in ONNX Runtime: one session on the CUDA execution provider (when allowed
 * and available) or the CPU provider, and the model's {@link ModelSignature}. Logs one INFO line
 * saying which provider. A session may be run from several threads; {@link #close()} once.
 */
public final class OnnxModel implements AutoCloseable {
  /**
   * How to open a model.
   *
   * @param allowGpu try the CUDA execution provider
   * @param gpuDevice the CUDA device id
   * @param intraOpThreads ONNX Runtime's intra-op threads; 0 = its default (all cores)
   */
  public record Options(boolean allowGpu, int gpuDevice, int intraOpThreads) {
    public Options {
      if (gpuDevice < 0 || intraOpThreads < 0) {
        throw new IllegalArgumentException("gpuDevice and intraOpThreads must be >= 0");
      }
    }

    /** CPU only, ORT's default threads. */
    public static Options cpu() {
      return new Options(false, 0, 0);
    }

    public static Options of(boolean allowGpu, int intraOpThreads) {
      return new Options(allowGpu, 0, intraOpThreads);
    }
  }

  private final Path file;
  private final OrtSession session;
  private final SessionOptions sessionOptions;
  private final Providers.Selection provider;
  private final ModelSignature signature;

  private OnnxModel(Path file, OrtSession session, SessionOptions sessionOptions, Providers.Selection provider,
      ModelSignature signature) {
    this.file = file;
    this.session = session;
    this.sessionOptions = sessionOptions;
    this.provider = provider;
    this.signature = signature;
  }

  /** Opens {@code file}; see the class comment. */
  public static OnnxModel open(Path file, Options options) {
    return open(file, options, Providers.REAL_CUDA);
  }

  static OnnxModel open(Path file, Options options, Providers.CudaAdder cuda) {
    if (!Files.isRegularFile(file)) {
      throw new InferException("ONNX model file not found: " + file);
    }
    OrtEnvironment env = OrtEnv.get();
    Providers.Selection sel = Providers.probe(options.allowGpu(), options.gpuDevice(), cuda);
    OrtSession session = null;
    SessionOptions so = null;
    if (sel.isCuda()) {
      try {
        so = sessionOptions(options);
        cuda.add(so, options.gpuDevice());
        session = env.createSession(file.toString(), so);
      } catch (OrtException | UnsatisfiedLinkError | IllegalArgumentException e) {
        if (so != null) {
          so.close();
          so = null;
        }
        sel = Providers.Selection.cpu("no CUDA available: the CUDA session failed: " + Providers.reason(e));
      }
    }
    if (session == null) {
      try {
        so = sessionOptions(options);
        session = env.createSession(file.toString(), so);
      } catch (OrtException e) {
        if (so != null) {
          so.close();
        }
        throw new InferException(file + ": not a model ONNX Runtime can load: " + Providers.reason(e), e);
      }
    }
    try {
      ModelSignature sig = new ModelSignature(file, specs(session.getInputInfo()), specs(session.getOutputInfo()));
      Providers.log(sel);
      return new OnnxModel(file, session, so, sel, sig);
    } catch (OrtException | RuntimeException e) {
      closeQuietly(session, so);
      throw new InferException(file + ": cannot read the model's inputs and outputs: " + Providers.reason(e), e);
    }
  }

  private static SessionOptions sessionOptions(Options options) throws OrtException {
    SessionOptions so = new SessionOptions();
    try {
      so.setOptimizationLevel(OptLevel.ALL_OPT);
      if (options.intraOpThreads() > 0) {
        so.setIntraOpNumThreads(options.intraOpThreads());
      }
      return so;
    } catch (OrtException e) {
      so.close();
      throw e;
    }
  }

  private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
    List<TensorSpec> specs = new ArrayList<>(infos.size());
    for (NodeInfo n : infos.values()) {
      ValueInfo v = n.getInfo();
      if (v instanceof TensorInfo t) {
        long[] shape = t.getShape();
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
          dims[i] = shape[i] > 0 ? shape[i] : -1;
        }
        specs.add(TensorSpec.of(n.getName(), elementType(t), dims));
      } else {
        specs.add(new TensorSpec(n.getName(), List.of(), "non-tensor " + v));
      }
    }
    return specs;
  }

  private static String elementType(TensorInfo t) {
    // ONNX's names: float, double, int64, uint8, bool, string, float16, bfloat16, ...
    String s = t.onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "").toLowerCase(Locale.ROOT);
    return s;
  }

  private static void closeQuietly(OrtSession session, SessionOptions so) {
    try {
      session.close();
    } catch (OrtException ignored) {
      // closing after a failure: the failure is what matters
    }
    if (so != null) {
      so.close();
    }
  }

  public Path file() {
    return file;
  }

  public ModelSignature signature() {
    return signature;
  }

  /** The provider the session runs on. */
  public Providers.Selection provider() {
    return provider;
  }

  /** {@link ModelSignature#checkFits(TaskFit)} of this model. */
  public ModelBinding bind(TaskFit fit) {
    return signature.checkFits(fit);
  }

  /** The underlying session (for callers that run it directly, e.g. benchmarks). */
  public OrtSession session() {
    return session;
  }

  public OrtEnvironment environment() {
    return OrtEnv.get();
  }

  @Override
  public void close() {
    closeQuietly(session, sessionOptions);
  }

  @Override
  public String toString() {
    return "OnnxModel[" + file + ", " + provider.kind() + "]";
  }
}
