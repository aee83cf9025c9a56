package io.mml.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam and SGD (with momentum) as DJL optimizers whose state (Adam's moment estimates and step
 * counts, SGD's momentum) can be saved with a checkpoint and restored, so that a resumed training
 * continues exactly where it stopped. DJL's own optimizers keep that state private.
 *
 * <p>Each update is DJL's fused engine operation ({@code adamUpdate} / {@code sgdUpdate}: one
 * native call per parameter, the weight, gradient and state updated in place), the cheapest
 * correct update DJL offers; the arithmetic is exactly that of DJL's {@code Adam} and {@code Sgd}.
 * The learning rate is read from {@link #setLearningRate} (the loop's schedule owns it).
 *
 * <p>State is stored by parameter position in {@link Block#getParameters()} (parameter ids are
 * random per block instance); {@link #load} maps it onto the ids of a freshly built block.
 */
public final class StatefulOptimizer extends Optimizer {
  /** The kind of update. */
  public enum Kind { ADAM, SGD }

  private final Kind kind;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final float momentum;
  private volatile float learningRate;
  private final Map<String, Integer> steps = new HashMap<>();
  private final Map<String, NDArray> first = new HashMap<>();
  private final Map<String, NDArray> second = new HashMap<>();

  private StatefulOptimizer(Builder b) {
    super(b);
    this.kind = b.kind;
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.epsilon = b.epsilon;
    this.momentum = b.momentum;
    this.learningRate = b.learningRate;
  }

  /** An Adam optimizer (DJL's arithmetic; {@code epsilon} 1e-8). */
  public static Builder adam(float learningRate, float beta1, float beta2, float weightDecay) {
    Builder b = new Builder(Kind.ADAM, learningRate);
    b.beta1 = beta1;
    b.beta2 = beta2;
    b.optWeightDecays(weightDecay);
    return b;
  }

  /** SGD, with momentum when {@code momentum > 0}. */
  public static Builder sgd(float learningRate, float momentum, float weightDecay) {
    Builder b = new Builder(Kind.SGD, learningRate);
    b.momentum = momentum;
    b.optWeightDecays(weightDecay);
    return b;
  }

  public Kind kind() {
    return kind;
  }

  /** The learning rate of the following updates. */
  public void setLearningRate(float lr) {
    if (!Float.isFinite(lr) || lr < 0) {
      throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + lr);
    }
    this.learningRate = lr;
  }

  public float learningRate() {
    return learningRate;
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    int t = steps.merge(parameterId, 1, Integer::sum);
    float lr = learningRate;
    float wd = getWeightDecay();
    NDArrayEx ex = weight.getNDArrayInternal();
    NDList weights = new NDList(weight);
    if (kind == Kind.ADAM) {
      double coef1 = 1.0 - Math.pow(beta1, t);
      double coef2 = 1.0 - Math.pow(beta2, t);
      float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
      NDArray m = first.computeIfAbsent(parameterId, k -> zerosLike(weight));
      NDArray v = second.computeIfAbsent(parameterId, k -> zerosLike(weight));
      ex.adamUpdate(new NDList(weight, grad, m, v), weights, lr, corrected, wd, rescaleGrad, clipGrad, beta1, beta2,
          epsilon, true, false);
    } else if (momentum != 0) {
      NDArray m = first.computeIfAbsent(parameterId, k -> zerosLike(weight));
      ex.sgdUpdate(new NDList(weight, grad, m), weights, lr, wd, rescaleGrad, clipGrad, momentum, true);
    } else {
      ex.sgdUpdate(new NDList(weight, grad), weights, lr, wd, rescaleGrad, clipGrad, momentum, true);
    }
  }

  /** A state array lives as long as the weight's manager (the model's), like DJL's optimizer state. */
  private static NDArray zerosLike(NDArray weight) {
    NDArray z = weight.zerosLike();
    z.attach(weight.getManager());
    return z;
  }

  /** The state (per parameter in block order: step count, then the state arrays) as bytes. */
  public byte[] save(Block block) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(kind.name());
      List<Pair<String, Parameter>> params = block.getParameters().stream().toList();
      out.writeInt(params.size());
      for (Pair<String, Parameter> p : params) {
        String id = p.getValue().getId();
        out.writeUTF(p.getKey());
        out.writeInt(steps.getOrDefault(id, 0));
        writeArray(out, first.get(id));
        writeArray(out, second.get(id));
      }
    }
    return bytes.toByteArray();
  }

  /**
   * Restores state saved by {@link #save} onto the parameters of {@code block} (a fresh block of the
   * same model), its arrays attached to {@code manager}.
   *
   * @throws IOException when the state belongs to another model or optimizer
   */
  public void load(Block block, NDManager manager, byte[] state) throws IOException {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(state))) {
      String saved = in.readUTF();
      if (!saved.equals(kind.name())) {
        throw new IOException("the checkpoint holds " + saved + " state but this training uses " + kind);
      }
      List<Pair<String, Parameter>> params = block.getParameters().stream().toList();
      int n = in.readInt();
      if (n != params.size()) {
        throw new IOException("the checkpoint's optimizer state has " + n + " parameters, the model " + params.size());
      }
      steps.clear();
      first.clear();
      second.clear();
      for (Pair<String, Parameter> p : params) {
        String name = in.readUTF();
        if (!name.equals(p.getKey())) {
          throw new IOException("optimizer state for parameter " + name + " where the model has " + p.getKey());
        }
        String id = p.getValue().getId();
        int t = in.readInt();
        if (t > 0) {
          steps.put(id, t);
        }
        NDArray m = readArray(in, manager);
        NDArray v = readArray(in, manager);
        if (m != null) {
          first.put(id, m);
        }
        if (v != null) {
          second.put(id, v);
        }
      }
    }
  }

  private static void writeArray(DataOutputStream out, NDArray a) throws IOException {
    if (a == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = a.encode();
    out.writeInt(b.length);
    out.write(b);
  }

  private static NDArray readArray(DataInputStream in, NDManager manager) throws IOException {
    int len = in.readInt();
    if (len < 0) {
      return null;
    }
    byte[] b = new byte[len];
    in.readFully(b);
    return NDArray.decode(manager, b);
  }

  /** Builds a {@link StatefulOptimizer}. */
  public static final class Builder extends OptimizerBuilder<Builder> {
    private final Kind kind;
    private final float learningRate;
    private float beta1 = 0.9f;
    private float beta2 = 0.999f;
    private float epsilon = 1e-8f;
    private float momentum;

    private Builder(Kind kind, float learningRate) {
      this.kind = kind;
      this.learningRate = learningRate;
    }

    @Override
    protected Builder self() {
      return this;
    }

    public StatefulOptimizer build() {
      return new StatefulOptimizer(this);
    }
  }
}
