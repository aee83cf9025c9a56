package io.mml.registry.modality;

/** Stands for the marker of a built-in modality in the runtime jar. */
public final class Modality_image {
  public static final String ID = "image";
  public static final String DECLARED_BY = "io.mml.runtime.modality.builtin.BuiltinModalities";

  private Modality_image() {}
}
