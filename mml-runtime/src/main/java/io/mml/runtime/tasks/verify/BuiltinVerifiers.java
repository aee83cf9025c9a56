package io.mml.runtime.tasks.verify;

import io.mml.runtime.modality.ModalityVerifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The verifiers of the built-in modalities, by modality id. */
public final class BuiltinVerifiers {
  private BuiltinVerifiers() {}

  /** image, mask, class, classes, soft_classes, value, sample_id, task. */
  public static Map<String, ModalityVerifier> all() {
    Map<String, ModalityVerifier> m = new LinkedHashMap<>();
    m.put("image", new ImageVerifier());
    m.put("mask", new MaskVerifier());
    m.put("class", new ClassVerifier());
    m.put("classes", new ClassesVerifier());
    m.put("soft_classes", new SoftClassesVerifier());
    m.put("value", new ValueVerifier());
    m.put("sample_id", new PassVerifier());
    m.put("task", new PassVerifier());
    return Collections.unmodifiableMap(m);
  }
}
