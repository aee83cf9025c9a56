package io.mml.runtime.modality;

import java.nio.file.Path;
import java.util.SortedMap;

/** What a {@link ModalityVerifier} sees of the task being created. */
public interface VerifyContext {
  /** The task being created. */
  String task();

  /** The split of the sample ({@code train}, {@code test}, {@code unlabelled}). */
  String split();

  /** The sample id. */
  String sampleId();

  /** The dataset folder relative paths refer to. */
  Path datasetDir();

  /** Class index to class name (possibly non-contiguous, possibly many-to-one). */
  SortedMap<Integer, String> idxToClass();

  /** Adds to the occurrence count of a class (training samples only count into the header). */
  void countClass(String className, double amount);

  /**
   * Fails verification: throws an exception whose message names the task, split, sample id and
   * modality with this explanation.
   */
  RuntimeException fail(String modality, String problem);
}
