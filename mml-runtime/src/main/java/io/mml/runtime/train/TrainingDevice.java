package io.mml.runtime.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.models.SpecToDjl;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses where a training runs from {@code trainer.device}: {@code auto} takes the first CUDA GPU
 * when the PyTorch engine reports one and the CPU otherwise; {@code cpu}; {@code gpu} (the first
 * GPU) or {@code gpu:N}, an error naming the fix when the engine has no such GPU. The choice and its
 * reason are logged once per JVM at INFO (as ONNX Runtime's provider choice is).
 *
 * @param device the DJL device
 * @param reason why it was chosen, for the log
 */
public record TrainingDevice(Device device, String reason) {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingDevice.class);
  private static volatile String logged;

  /**
   * The GPUs an engine reports, or -1 when the engine was built without CUDA (an interface so tests
   * can stand in for hardware).
   */
  @FunctionalInterface
  public interface GpuCount {
    int get();
  }

  /**
   * The PyTorch engine's GPUs: asking a CPU build of libtorch for its CUDA support is one native call;
   * only a CUDA build is asked to count devices (which loads the CUDA runtime, ~0.7 s).
   */
  static int engineGpus() {
    Engine engine = Engine.getEngine(SpecToDjl.ENGINE);
    return engine.hasCapability(StandardCapabilities.CUDA) ? engine.getGpuCount() : -1;
  }

  /**
   * The requested GPU index: -1 for {@code auto}, -2 for {@code cpu}, else the index.
   *
   * @throws ConfigException when the value is none of auto, cpu, gpu, gpu:N
   */
  static int parse(String spec) {
    String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
    switch (s) {
      case "auto":
        return -1;
      case "cpu":
        return -2;
      case "gpu":
      case "cuda":
        return 0;
      default:
        if (s.matches("(gpu|cuda):\\d{1,3}")) {
          return Integer.parseInt(s.substring(s.indexOf(':') + 1));
        }
        throw new ConfigException("trainer.device", "Config key 'trainer.device' is '" + spec + "' but must be auto,"
            + " cpu, gpu or gpu:N (e.g. trainer.device=gpu:1).");
    }
  }

  /** The device for {@code spec} given how many GPUs there are. */
  public static TrainingDevice choose(String spec, GpuCount gpus) {
    int want = parse(spec);
    if (want == -2) {
      return new TrainingDevice(Device.cpu(), "trainer.device=cpu");
    }
    int reported = gpus.get();
    int n = Math.max(0, reported);
    String none = reported < 0 ? "a CPU build of libtorch (no CUDA support)" : "no CUDA GPU";
    if (want == -1) {
      return n > 0 ? new TrainingDevice(Device.gpu(0), "trainer.device=auto and the PyTorch engine sees " + n
          + " CUDA GPU(s)") : new TrainingDevice(Device.cpu(), "trainer.device=auto and the PyTorch engine has "
          + none);
    }
    if (want >= n) {
      throw new ConfigException("trainer.device", "Config key 'trainer.device' is '" + spec + "' but the PyTorch"
          + " engine has " + (n == 0 ? none : n + " GPU(s) (gpu:0..gpu:" + (n - 1) + ")") + ". Use"
          + " trainer.device=auto or cpu here; to train on a GPU, run with a CUDA build of libtorch (README, GPU).");
    }
    return new TrainingDevice(Device.gpu(want), "trainer.device=" + spec);
  }

  /** The device for {@code spec} on this machine (the PyTorch engine's GPU count), logged once per JVM. */
  public static TrainingDevice choose(String spec) {
    TrainingDevice d = choose(spec, TrainingDevice::engineGpus);
    String line = d.device() + " (" + d.reason() + ")";
    if (!line.equals(logged)) {
      logged = line;
      LOG.info("Training on {}", line);
    } else {
      LOG.debug("Training on {}", line);
    }
    return d;
  }
}
