package io.mml.plugins.suggest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A trained pipeline of a source task that may inform the pivot's blueprint.
 *
 * @param source the source task
 * @param distance the source's distance to the pivot (normalised: mean 1 over the sources)
 * @param performance the model's stored performance (best value of {@code monitor})
 * @param higherIsBetter whether a larger performance is better (false for losses)
 * @param pipeline the config groups the model was trained with ({@code pipeline} of its model storage)
 */
public record Candidate(String source, double distance, double performance, boolean higherIsBetter,
    ObjectNode pipeline) {}
