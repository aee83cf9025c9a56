package io.mml.runtime.infer;

/**
 * How a checked model is fed for a task: which input and output, the input layout and the batch
 * dimension. Made by {@link ModelSignature#checkFits(TaskFit)}.
 *
 * @param signature the model's signature
 * @param fit what the task needs
 * @param input the input fed with the samples
 * @param output the output read as logits (or values)
 * @param fixedBatch the model's fixed batch size, or 0 when the batch dimension is dynamic
 */
public record ModelBinding(ModelSignature signature, TaskFit fit, TensorSpec input, TensorSpec output,
    int fixedBatch) {
  /** Whether the input is flat [N, C*H*W] rather than [N, C, H, W]. */
  public boolean flatInput() {
    return input.rank() == 2;
  }
}
