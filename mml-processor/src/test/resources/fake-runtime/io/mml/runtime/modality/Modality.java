package io.mml.runtime.modality;

/** Fake of the runtime record (same constructor). */
public record Modality(String id, ModalityLoader loader, ModalityVerifier verifier, boolean augmentable,
    String description) {}
