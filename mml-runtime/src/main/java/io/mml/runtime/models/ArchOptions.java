package io.mml.runtime.models;

import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigBinder;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import java.util.List;
import java.util.Locale;

/**
 * The {@code arch} config group, one record per architecture type, bound from the composed config:
 * every key is required (the defaults live in {@code arch/<option>.yaml}), unknown keys are errors
 * with the closest known ones, and ranges are checked here.
 */
public sealed interface ArchOptions {
  /** The architecture types ({@code arch.type}). */
  List<String> TYPES = List.of("mlp", "cnn", "resnet", "mobilenet");

  /** The name the model is stored under. */
  String id();

  /** {@code auto}, 1 or 3 (checked by the training setup). */
  String inputChannels();

  /** Flatten, then Linear-ReLU per hidden width. */
  record Mlp(String id, String type, List<Integer> hidden, double dropout, String inputChannels)
      implements ArchOptions {
    public Mlp {
      positives("arch.hidden", hidden);
      checkDropout(dropout);
    }
  }

  /** conv3x3-BN-ReLU-maxpool stages, then global average pooling. */
  record Cnn(String id, String type, List<Integer> channels, double dropout, String inputChannels)
      implements ArchOptions {
    public Cnn {
      positives("arch.channels", channels);
      checkDropout(dropout);
    }
  }

  /** ResNet 18/34/50. */
  record Resnet(String id, String type, int depth, int width, String smallInput, double dropout,
      String inputChannels) implements ArchOptions {
    public Resnet {
      if (depth != 18 && depth != 34 && depth != 50) {
        throw new ConfigException("arch.depth", "Config key 'arch.depth' is " + depth + " but must be 18, 34 or 50.");
      }
      if (width < 1) {
        throw new ConfigException("arch.width", "Config key 'arch.width' is " + width + " but must be >= 1.");
      }
      smallInput = checkSmallInput(smallInput);
      checkDropout(dropout);
    }
  }

  /** MobileNetV2. */
  record Mobilenet(String id, String type, double widthMult, int lastChannels, String smallInput, double dropout,
      String inputChannels) implements ArchOptions {
    public Mobilenet {
      if (!(widthMult > 0) || Double.isInfinite(widthMult)) {
        throw new ConfigException("arch.width_mult", "Config key 'arch.width_mult' is " + widthMult
            + " but must be a finite number > 0.");
      }
      if (lastChannels < 1) {
        throw new ConfigException("arch.last_channels", "Config key 'arch.last_channels' is " + lastChannels
            + " but must be >= 1.");
      }
      smallInput = checkSmallInput(smallInput);
      checkDropout(dropout);
    }
  }

  /** Binds the {@code arch} sub-config (the group's own keys, as {@code cfg.sub("arch")} gives them). */
  static ArchOptions from(Config arch) {
    String type = arch.has("type") ? arch.getString("type") : null;
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
    Class<? extends ArchOptions> record = switch (t) {
      case "mlp" -> Mlp.class;
      case "cnn" -> Cnn.class;
      case "resnet" -> Resnet.class;
      case "mobilenet" -> Mobilenet.class;
      default -> throw new ConfigException("arch.type", "Unknown arch type '" + type + "' (arch.type); known: "
          + String.join(", ", TYPES) + ". Select an arch option, e.g. arch=cnn." + ConfigException.didYouMean(
              Names.closest(t, TYPES)));
    };
    return ConfigBinder.bind(arch.tree(), "arch", record);
  }

  private static void checkDropout(double d) {
    if (!(d >= 0 && d < 1)) {
      throw new ConfigException("arch.dropout", "Config key 'arch.dropout' is " + d + " but must be in [0, 1).");
    }
  }

  private static void positives(String key, List<Integer> values) {
    for (Integer x : values) {
      if (x == null || x < 1) {
        throw new ConfigException(key, "Config key '" + key + "' entries must be integers >= 1; found " + values
            + ".");
      }
    }
  }

  private static String checkSmallInput(String s) {
    String v = s.toLowerCase(Locale.ROOT);
    if (!List.of("auto", "true", "false").contains(v)) {
      throw new ConfigException("arch.small_input", "Config key 'arch.small_input' must be auto, true or false;"
          + " found '" + s + "'.");
    }
    return v;
  }
}
