/**
 * What a data file decodes to ({@link io.mml.runtime.data.decoded.ImageData}, {@link
 * io.mml.runtime.data.decoded.MaskData}, and {@link io.mml.runtime.data.decoded.CompactImage}, the cache's lossless
 * compact form) and {@link io.mml.runtime.data.decoded.DataFileException}, the error for a data file (image, mask,
 * model storage, checkpoint) that cannot be used. A leaf: it depends on nothing else in {@code data}, so {@code
 * data.loaders} (which decode), {@code data.augment} (which transform) and {@code data} (which assembles them into a
 * data set) all build on it without a package cycle.
 */
package io.mml.runtime.data.decoded;
