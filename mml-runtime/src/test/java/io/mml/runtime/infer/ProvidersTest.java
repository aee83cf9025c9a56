package io.mml.runtime.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvidersTest {
  @TempDir Path dir;

  @Test
  void allowGpuFalseLogsTheCpuLine() {
    try (LogCapture log = new LogCapture()) {
      Providers.Selection s = Providers.select(false);
      assertEquals(Providers.Kind.CPU, s.kind());
      assertEquals(List.of("ONNX Runtime: using the CPU execution provider (allow_gpu=false)"), log.lines());
    }
  }

  /** With the CPU jar (the default build) CUDA is never there; with -Pgpu on a GPU machine it may be. */
  private static boolean mayHaveCuda() {
    return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
  }

  @org.junit.jupiter.api.BeforeEach
  void forgetEarlierLines() {
    Providers.forgetLogged();
  }

  @Test
  void theSameChoiceIsLoggedAtInfoOnlyOncePerJvm() {
    try (LogCapture log = new LogCapture()) {
      Providers.select(false);
      Providers.select(false);
      assertEquals(List.of("ONNX Runtime: using the CPU execution provider (allow_gpu=false)"), log.lines());
    }
  }

  @Test
  void noCudaOnThisMachineFallsBackToCpuWithAReason() {
    try (LogCapture log = new LogCapture()) {
      Providers.Selection s = Providers.select(true);
      if (s.isCuda() && mayHaveCuda()) {
        assertEquals(List.of("ONNX Runtime: using the CUDA execution provider (device 0)"), log.lines());
        return;
      }
      assertEquals(Providers.Kind.CPU, s.kind());
      assertEquals(1, log.lines().size(), log.lines().toString());
      String line = log.lines().get(0);
      assertTrue(line.startsWith("ONNX Runtime: using the CPU execution provider (no CUDA available: "), line);
      assertTrue(line.length() > "ONNX Runtime: using the CPU execution provider (no CUDA available: )".length(), line);
      assertFalse(line.contains("\n"), line);
    }
  }

  @Test
  void aWorkingCudaProviderIsChosenAndNamed() {
    Providers.Selection s = Providers.probe(true, 1, (o, d) -> { });
    assertTrue(s.isCuda());
    assertEquals("ONNX Runtime: using the CUDA execution provider (device 1)", s.logLine());
  }

  @Test
  void linkErrorsCountAsNoCuda() {
    Providers.Selection s = Providers.probe(true, 0, (o, d) -> {
      throw new UnsatisfiedLinkError("libcudart.so.12: cannot open shared object file\nmore");
    });
    assertEquals("no CUDA available: libcudart.so.12: cannot open shared object file", s.reason());
  }

  @Test
  void openingAModelWithAllowGpuLogsOneCpuLine() {
    Path file = TestModels.gemm(dir, "m.onnx", -1);
    try (LogCapture log = new LogCapture(); OnnxModel m = OnnxModel.open(file, OnnxModel.Options.of(true, 1))) {
      if (m.provider().isCuda() && mayHaveCuda()) {
        assertEquals(List.of(m.provider().logLine()), log.lines());
        return;
      }
      assertEquals(Providers.Kind.CPU, m.provider().kind());
      assertEquals(1, log.lines().size(), log.lines().toString());
      assertTrue(log.lines().get(0).contains("CPU execution provider (no CUDA available: "), log.lines().get(0));
    }
  }

  @Test
  void aCudaSessionThatFailsFallsBackToCpu() {
    Path file = TestModels.gemm(dir, "m.onnx", -1);
    AtomicInteger calls = new AtomicInteger();
    Providers.CudaAdder probeOnly = (o, d) -> {
      if (calls.incrementAndGet() > 1) {
        throw new OrtException("CUDA failure 100: no CUDA-capable device is detected");
      }
    };
    try (LogCapture log = new LogCapture();
         OnnxModel m = OnnxModel.open(file, OnnxModel.Options.of(true, 1), probeOnly)) {
      assertEquals(Providers.Kind.CPU, m.provider().kind());
      assertEquals(List.of("ONNX Runtime: using the CPU execution provider (no CUDA available: the CUDA session "
          + "failed: CUDA failure 100: no CUDA-capable device is detected)"), log.lines());
    }
  }
}
