package io.mml.registry.modality;

/** Stands for the marker of a built-in modality in the runtime jar. */
public final class Modality_class {
  public static final String ID = "class";
  public static final String DECLARED_BY = "io.mml.runtime.modality.builtin.BuiltinModalities";

  private Modality_class() {}
}
