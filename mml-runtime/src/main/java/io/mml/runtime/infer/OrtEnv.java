package io.mml.runtime.infer;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;

/**
 * The one ONNX Runtime environment of this JVM (ORT wants a single environment per process; it is
 * thread-safe and lives until the JVM exits). Holds no run state.
 *
 * <p>If DJL's OnnxRuntime engine is ever on the class path, it must initialise before this (STACK
 * P6). {@code -Donnxruntime.native.path=DIR} makes ORT load its natives from DIR instead of
 * extracting them into {@code java.io.tmpdir} per JVM (STACK P5).
 */
public final class OrtEnv {
  private OrtEnv() {}

  private static final class Holder {
    static final OrtEnvironment ENV =
        OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "mml");
  }

  /** The shared environment. */
  public static OrtEnvironment get() {
    return Holder.ENV;
  }
}
