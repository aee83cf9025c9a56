package io.mml.runtime.infer;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The inputs and outputs of an ONNX model (names, shapes with -1 for dynamic dimensions, element
 * types), in the model's order.
 *
 * @param file the model file, for messages
 * @param inputs the graph inputs (initialisers excluded)
 * @param outputs the graph outputs
 */
public record ModelSignature(Path file, List<TensorSpec> inputs, List<TensorSpec> outputs) {
  public ModelSignature {
    Objects.requireNonNull(file, "file");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** The output named {@code name}, or null. */
  public TensorSpec output(String name) {
    return outputs.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * Checks that the model can serve the task and says how to feed it. The model needs exactly one
   * float input, [N, C, H, W] (or flat [N, C*H*W]), and one float output (or the one named by
   * {@link TaskFit#outputName()}) of shape [N, classes] (classification, multilabel), [N] or
   * [N, values] (regression), or [N, classes, H, W] (segmentation). Dynamic dimensions (-1) fit
   * anything.
   *
   * @throws InferException naming the file, the tensor, its shape and what the task needs
   */
  public ModelBinding checkFits(TaskFit fit) {
    TensorSpec in = pickInput(fit);
    checkInput(in, fit);
    TensorSpec out = pickOutput(fit);
    checkOutput(out, in, fit);
    long b = in.dim(0);
    return new ModelBinding(this, fit, in, out, b > 0 ? (int) b : 0);
  }

  private String where() {
    return file.toString();
  }

  private static String list(List<TensorSpec> specs) {
    return specs.stream().map(TensorSpec::describe).collect(Collectors.joining(", "));
  }

  private String needIn(TaskFit fit) {
    String hw = fit.fixedSize() ? fit.height() + ", " + fit.width() : "H, W";
    return "[N, " + fit.channels() + ", " + hw + "]";
  }

  private TensorSpec pickInput(TaskFit fit) {
    if (inputs.size() != 1) {
      throw new InferException(where() + ": the model has " + inputs.size() + " inputs (" + (inputs.isEmpty() ? "none"
          : list(inputs)) + ") but mml feeds exactly one float tensor " + needIn(fit) + " for task " + fit.taskName()
          + "; export the model with a single image input");
    }
    return inputs.get(0);
  }

  private void checkInput(TensorSpec in, TaskFit fit) {
    String head = where() + ": input '" + in.name() + "' has shape " + in.shapeString();
    if (!in.isFloat()) {
      throw new InferException(where() + ": input '" + in.name() + "' is " + in.elementType() + " " + in.shapeString()
          + " but mml feeds float32 images " + needIn(fit) + " for task " + fit.taskName()
          + "; export the model with a float input");
    }
    if (in.rank() == 4) {
      long c = in.dim(1);
      if (c > 0 && c != fit.channels()) {
        throw new InferException(head + " (" + c + " channels) but task " + fit.taskName() + " has "
            + fit.channels() + "-channel images " + needIn(fit) + "; export the model for " + fit.channels()
            + " channels or choose another task");
      }
      long h = in.dim(2);
      long w = in.dim(3);
      if (fit.fixedSize() && ((h > 0 && h != fit.height()) || (w > 0 && w != fit.width()))) {
        throw new InferException(head + " but task " + fit.taskName() + " images are " + fit.height() + "x"
            + fit.width() + " (height x width, after preprocessing) " + needIn(fit)
            + "; export the model for that size or with dynamic height and width, or preprocess to "
            + h + "x" + w);
      }
      if (!fit.fixedSize() && (h > 0 || w > 0)) {
        throw new InferException(head + " (a fixed image size) but the images of task " + fit.taskName()
            + " vary in size; preprocess them to " + h + "x" + w + " or export the model with dynamic height and width");
      }
    } else if (in.rank() == 2) {
      long f = in.dim(1);
      if (!fit.fixedSize()) {
        throw new InferException(head + " (flat features) but the images of task " + fit.taskName()
            + " vary in size; preprocess them to a fixed size or export a model taking " + needIn(fit));
      }
      long need = (long) fit.channels() * fit.height() * fit.width();
      if (f > 0 && f != need) {
        throw new InferException(head + " (" + f + " features) but task " + fit.taskName() + " has "
            + fit.channels() + "x" + fit.height() + "x" + fit.width() + " = " + need
            + " values per sample; export the model taking " + needIn(fit) + " or [N, " + need + "]");
      }
    } else {
      throw new InferException(head + " (rank " + in.rank() + ") but mml feeds " + needIn(fit)
          + " (or flat [N, C*H*W]) for task " + fit.taskName() + "; export the model with such an input");
    }
  }

  private TensorSpec pickOutput(TaskFit fit) {
    if (fit.outputName() != null) {
      TensorSpec o = output(fit.outputName());
      if (o == null) {
        throw new InferException(where() + ": mode.output_name='" + fit.outputName() + "' but the model's outputs are "
            + list(outputs) + "; set mode.output_name to one of them");
      }
      return o;
    }
    if (outputs.size() != 1) {
      throw new InferException(where() + ": the model has " + outputs.size() + " outputs (" + (outputs.isEmpty() ? "none"
          : list(outputs)) + "); set mode.output_name to the one holding the "
          + (fit.kind() == TaskKind.REGRESSION ? "predicted values" : "logits") + " for task " + fit.taskName());
    }
    return outputs.get(0);
  }

  private void checkOutput(TensorSpec out, TensorSpec in, TaskFit fit) {
    String head = where() + ": output '" + out.name() + "' has shape " + out.shapeString();
    String task = "task " + fit.taskName() + " (" + fit.kind().id() + ")";
    if (!out.isFloat()) {
      throw new InferException(where() + ": output '" + out.name() + "' is " + out.elementType() + " "
          + out.shapeString() + " but " + task + " reads float32 " + needOut(fit)
          + "; export the model's raw float outputs (logits), not labels");
    }
    int k = fit.numOutputs();
    String what = fit.kind() == TaskKind.REGRESSION ? k + " target value" + (k == 1 ? "" : "s")
        : k + " class" + (k == 1 ? "" : "es");
    switch (fit.kind()) {
      case CLASSIFICATION, MULTILABEL -> {
        if (out.rank() != 2) {
          throw new InferException(head + " but " + task + " needs " + needOut(fit) + " (one score per class)"
              + "; export the model with that output or choose another task");
        }
        checkCount(out, 1, head, fit, what);
      }
      case REGRESSION -> {
        boolean ok = (out.rank() == 1 && k == 1) || out.rank() == 2;
        if (!ok) {
          throw new InferException(head + " but " + task + " needs " + needOut(fit)
              + "; export the model with that output or choose another task");
        }
        if (out.rank() == 2) {
          checkCount(out, 1, head, fit, what);
        }
      }
      case SEGMENTATION -> {
        if (out.rank() != 4) {
          throw new InferException(head + " but " + task + " needs " + needOut(fit) + " (one score map per class)"
              + "; export the model with that output or choose another task");
        }
        checkCount(out, 1, head, fit, what);
        long oh = out.dim(2);
        long ow = out.dim(3);
        long h = fit.fixedSize() ? fit.height() : in.rank() == 4 ? in.dim(2) : -1;
        long w = fit.fixedSize() ? fit.width() : in.rank() == 4 ? in.dim(3) : -1;
        if ((oh > 0 && h > 0 && oh != h) || (ow > 0 && w > 0 && ow != w)) {
          throw new InferException(head + " but " + task + " needs masks of the input size " + needOut(fit)
              + "; export the model with an output of the input's height and width");
        }
      }
      default -> throw new IllegalStateException(fit.kind().toString());
    }
    long ib = in.dim(0);
    long ob = out.dim(0);
    if (ib > 0 && ob > 0 && ib != ob) {
      throw new InferException(head + " but input '" + in.name() + "' has batch " + ib
          + "; the first dimension of input and output must be the batch");
    }
  }

  private static void checkCount(TensorSpec out, int axis, String head, TaskFit fit, String what) {
    long d = out.dim(axis);
    if (d > 0 && d != fit.numOutputs()) {
      throw new InferException(head + " but task " + fit.taskName() + " has " + what + "; export the model with "
          + fit.numOutputs() + " outputs or choose another task");
    }
  }

  private static String needOut(TaskFit fit) {
    int k = fit.numOutputs();
    return switch (fit.kind()) {
      case CLASSIFICATION, MULTILABEL -> "[N, " + k + "]";
      case REGRESSION -> k == 1 ? "[N] or [N, 1]" : "[N, " + k + "]";
      case SEGMENTATION -> "[N, " + k + ", " + (fit.fixedSize() ? fit.height() + ", " + fit.width() : "H, W") + "]";
    };
  }
}
