package io.mml.processor.model;

/**
 * A valid {@code @ModalityDef}: what its provider, marker and registry entry are written from.
 *
 * @param declaration the annotated class
 * @param id the modality id
 * @param loader the loader class (public, no-argument constructor)
 * @param verifier the verifier class (public, no-argument constructor)
 * @param augmentable whether spatial augmentations apply to it
 * @param description one line for docs
 * @param generatedAnnotation whether {@code javax.annotation.processing.Generated} exists
 */
public record ModalityModel(TypeRef declaration, String id, TypeRef loader, TypeRef verifier, boolean augmentable,
    String description, boolean generatedAnnotation) {

  /** The generated provider next to the declaration ({@code Depth_ModalityProvider}). */
  public TypeRef provider() {
    return TypeRef.of(declaration.packageName(), declaration.flatName() + "_ModalityProvider");
  }
}
