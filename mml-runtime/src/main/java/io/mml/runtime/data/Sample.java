package io.mml.runtime.data;

import io.mml.runtime.data.decoded.ImageData;
import io.mml.runtime.data.decoded.MaskData;

/**
 * One decoded, augmented sample before it becomes a tensor.
 *
 * @param task the task name
 * @param sampleId the sample id from the task description
 * @param index the index within its data set
 * @param image the image (CHW floats, normalised if the pipeline normalises)
 * @param target {@code Integer} class (contiguous index), {@code float[]} multi-hot or soft labels,
 *     {@code Float} value, {@link MaskData} mask, or null (unlabelled / no_task)
 */
public record Sample(String task, String sampleId, int index, ImageData image, Object target) {}
