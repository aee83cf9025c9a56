package io.mml.runtime.data.augment;

import com.fasterxml.jackson.databind.JsonNode;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import io.mml.runtime.data.decoded.CompactImage;
import io.mml.runtime.data.decoded.ImageData;
import io.mml.runtime.tasks.TaskHeader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The transforms of one task's data, built from the {@code augmentations} config group:
 * <pre>
 * augmentations:
 *   normalization: imagenet     # imagenet | task | null
 *   pipeline:
 *     - {name: flip, p: 0.5, axis: horizontal}
 *     - {name: rotate, degrees: 15}
 *     - {name: crop, size: [28, 28], random: true}
 * </pre>
 * Order: conversion to the model's channel count, the pipeline steps, normalisation. On training
 * data every step runs; on evaluation data ({@code training=false}) only deterministic steps
 * ({@code resize}, {@code crop} with {@code random: false}) and normalisation, so shapes match.
 * Immutable and thread-safe.
 */
public final class AugmentationPipeline {
  /** The step names and their parameters (besides {@code name}). */
  public static final Map<String, Set<String>> STEPS = Map.of(
      "flip", Set.of("p", "axis"),
      "rotate", Set.of("degrees", "p", "fill", "mask_fill"),
      "crop", Set.of("size", "random"),
      "resize", Set.of("size"),
      "color_jitter", Set.of("brightness", "contrast", "saturation", "p"));
  /** The valid {@code normalization} values ({@code null} written as YAML null or "null"/"none"). */
  public static final List<String> NORMALIZATIONS = List.of("imagenet", "task", "null");

  private final List<Transform> steps;
  private final Transform channels;
  private final Transform normalize;

  /**
   * @param channels channel count to convert to first (0 keeps what the file has)
   * @param steps the augmentation steps
   * @param normalize the normalisation, or null
   */
  public AugmentationPipeline(int channels, List<Transform> steps, Transform normalize) {
    this.channels = new Transforms.ToChannels(channels);
    this.steps = List.copyOf(steps);
    this.normalize = normalize;
  }

  /** Only channel conversion: no augmentation, no normalisation. */
  public static AugmentationPipeline identity(int channels) {
    return new AugmentationPipeline(channels, List.of(), null);
  }

  public List<Transform> steps() {
    return steps;
  }

  /** Whether, on training or on evaluation data, no step runs besides channel conversion and normalisation. */
  public boolean onlyNormalizes(boolean training) {
    for (Transform t : steps) {
      if (training || !t.isRandom()) {
        return false;
      }
    }
    return true;
  }

  /**
   * What {@link #apply} gives when {@link #onlyNormalizes} holds, in one pass over the compact
   * samples: expansion to [0, 1], channel conversion (grey copied to every channel; RGB to grey
   * falls back to the general path) and normalisation. Bit-identical to the general path.
   */
  public ImageData convertAndNormalize(CompactImage im) {
    int target = ((Transforms.ToChannels) channels).channels();
    int out = target <= 0 ? im.channels() : target;
    if (out != im.channels() && im.channels() != 1 || normalize != null && !(normalize instanceof Transforms.Normalize)) {
      ImageAndMask general = channels.apply(new ImageAndMask(im.toImageData(), null), null);
      return normalize == null ? general.image() : normalize.apply(general, null).image();
    }
    int n = im.width() * im.height();
    float[] px = new float[out * n];
    Transforms.Normalize norm = (Transforms.Normalize) normalize;
    for (int c = 0; c < out; c++) {
      int src = im.channels() == 1 ? 0 : c * n;
      int dst = c * n;
      if (norm == null) {
        for (int i = 0; i < n; i++) {
          px[dst + i] = im.value(src + i);
        }
      } else {
        float m = Transforms.Normalize.pick(norm.mean(), c, out);
        float inv = 1f / Transforms.Normalize.pick(norm.std(), c, out);
        for (int i = 0; i < n; i++) {
          px[dst + i] = (im.value(src + i) - m) * inv;
        }
      }
    }
    return new ImageData(im.width(), im.height(), out, im.bitDepth(), px);
  }

  /** Runs the pipeline; {@code training=false} skips random steps. {@code in} is left as it is. */
  public ImageAndMask apply(ImageAndMask in, Random rng, boolean training) {
    return apply(in, rng, training, false);
  }

  /**
   * Runs the pipeline; {@code training=false} skips random steps. With {@code imageOwned} the
   * caller hands over {@code in}'s pixel array (a fresh expansion of a cached sample, say), and
   * pointwise steps overwrite it instead of allocating; otherwise arrays are only written once a
   * step has made its own copies (a mask always so). The result is the same either way.
   */
  public ImageAndMask apply(ImageAndMask in, Random rng, boolean training, boolean imageOwned) {
    ImageAndMask cur = channels.apply(in, rng);
    boolean owned = imageOwned || cur.image().pixels() != in.image().pixels();
    boolean maskOwned = in.mask() == null;
    for (Transform t : steps) {
      if (training || !t.isRandom()) {
        ImageAndMask next = owned && maskOwned ? t.applyOwned(cur, rng) : t.apply(cur, rng);
        owned |= next.image().pixels() != cur.image().pixels();
        maskOwned |= next.mask() == null || next.mask() != cur.mask() && next.mask().labels() != cur.mask().labels();
        cur = next;
      }
    }
    if (normalize == null) {
      return cur;
    }
    return owned ? normalize.applyOwned(cur, rng) : normalize.apply(cur, rng);
  }

  /**
   * Builds the pipeline from a config holding the {@code augmentations} group.
   *
   * @param cfg the run config
   * @param header the task (for {@code normalization: task})
   * @param channels channel count the model expects (3 for ImageNet-style backbones; 0 keeps the file's)
   */
  public static AugmentationPipeline fromConfig(Config cfg, TaskHeader header, int channels) {
    String normKey = "augmentations.normalization";
    if (!cfg.has(normKey)) {
      throw new ConfigException(normKey, "Config key '" + normKey + "' is missing; every augmentations option sets it"
          + " (imagenet, task or null). Select one (augmentations=default) or give it: +" + normKey + "=imagenet.");
    }
    String norm = cfg.getString(normKey);
    Transform normalize = normalization(normKey, norm, header);
    List<Transform> steps = new ArrayList<>();
    String key = "augmentations.pipeline";
    JsonNode list = cfg.node(key).orElse(null);
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw new ConfigException(key, "Config key '" + key + "' must be a list of steps such as"
            + " {name: flip, p: 0.5}; found " + list.getNodeType().toString().toLowerCase(Locale.ROOT) + ".");
      }
      for (int i = 0; i < list.size(); i++) {
        steps.add(step(key + "[" + i + "]", list.get(i)));
      }
    }
    return new AugmentationPipeline(channels, steps, normalize);
  }

  private static Transform normalization(String key, String norm, TaskHeader header) {
    if (norm == null || norm.equalsIgnoreCase("null") || norm.equalsIgnoreCase("none")) {
      return null;
    }
    switch (norm.toLowerCase(Locale.ROOT)) {
      case "imagenet":
        return new Transforms.Normalize(floats(Transforms.IMAGENET_MEAN), floats(Transforms.IMAGENET_STD));
      case "task":
        if (header == null || header.means().isEmpty() || header.stds().isEmpty()) {
          throw new ConfigException(key, "Config key '" + key + "' is 'task' but task '" + (header == null ? "?"
              : header.name()) + "' has no channel statistics (means/stds) in its description. Use normalization:"
              + " imagenet, or re-create the task so its statistics are computed.");
        }
        for (double s : header.stds()) {
          if (!(s > 0)) {
            throw new ConfigException(key, "Task '" + header.name() + "' has a zero standard deviation " + header.stds()
                + "; normalization: task would divide by zero. Use normalization: imagenet.");
          }
        }
        return new Transforms.Normalize(floats(header.means()), floats(header.stds()));
      default:
        throw new ConfigException(key, "Config key '" + key + "' must be one of " + NORMALIZATIONS + "; found '" + norm
            + "'." + ConfigException.didYouMean(Names.closest(norm.toLowerCase(Locale.ROOT), NORMALIZATIONS)));
    }
  }

  private static float[] floats(List<Double> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).floatValue();
    }
    return out;
  }

  private static Transform step(String path, JsonNode node) {
    Map<String, JsonNode> params = new LinkedHashMap<>();
    String name;
    if (node.isTextual()) {
      name = node.asText();
    } else if (node.isObject()) {
      JsonNode n = node.get("name");
      if (n == null || !n.isTextual()) {
        throw new ConfigException(path + ".name", "Config key '" + path + ".name' must name the step, one of "
            + new TreeSet<>(STEPS.keySet()) + "; found " + (n == null ? "nothing" : n.toString()) + ".");
      }
      name = n.asText();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals("name")) {
          params.put(e.getKey(), e.getValue());
        }
      }
    } else {
      throw new ConfigException(path, "Config key '" + path + "' must be a step such as {name: flip, p: 0.5}; found "
          + node + ".");
    }
    Set<String> known = STEPS.get(name);
    if (known == null) {
      List<String> names = new ArrayList<>(new TreeSet<>(STEPS.keySet()));
      throw new ConfigException(path + ".name", "Unknown augmentation '" + name + "' at " + path + ".name; valid"
          + " names: " + String.join(", ", names) + "." + ConfigException.didYouMean(Names.closest(name, names)));
    }
    for (String k : params.keySet()) {
      if (!known.contains(k)) {
        List<String> keys = new ArrayList<>(new TreeSet<>(known));
        throw new ConfigException(path + "." + k, "Unknown parameter '" + k + "' of augmentation '" + name + "' at "
            + path + "." + k + "; valid parameters: " + String.join(", ", keys) + "."
            + ConfigException.didYouMean(Names.closest(k, keys)));
      }
    }
    Params p = new Params(path, params);
    switch (name) {
      case "flip": {
        String axis = p.choice("axis", "horizontal", List.of("horizontal", "vertical", "both"));
        return new Transforms.Flip(p.probability("p", 0.5), !axis.equals("vertical"), !axis.equals("horizontal"));
      }
      case "rotate":
        return new Transforms.Rotate(p.number("degrees", 15, 0, 180), p.probability("p", 1.0),
            (float) p.number("fill", 0, -1e9, 1e9), (int) p.number("mask_fill", 0, 0, Integer.MAX_VALUE));
      case "crop": {
        int[] size = p.size("size");
        return new Transforms.Crop(size[0], size[1], p.bool("random", true));
      }
      case "resize": {
        int[] size = p.size("size");
        return new Transforms.Resize(size[0], size[1]);
      }
      case "color_jitter":
        return new Transforms.ColorJitter(p.number("brightness", 0.2, 0, 1), p.number("contrast", 0.2, 0, 1),
            p.number("saturation", 0.2, 0, 1), p.probability("p", 1.0));
      default:
        throw new IllegalStateException(name);
    }
  }

  /** Typed access to one step's parameters with errors naming {@code augmentations.pipeline[i].key}. */
  private record Params(String path, Map<String, JsonNode> values) {
    private ConfigException bad(String key, String expected) {
      String full = path + "." + key;
      JsonNode v = values.get(key);
      return new ConfigException(full, "Config key '" + full + "' must be " + expected + "; found "
          + (v == null ? "nothing" : v.toString()) + ".");
    }

    double number(String key, double fallback, double min, double max) {
      JsonNode v = values.get(key);
      if (v == null) {
        return fallback;
      }
      double d = v.isNumber() ? v.asDouble() : parse(v.asText());
      if (!v.isNumber() && !v.isTextual() || Double.isNaN(d) || d < min || d > max) {
        throw bad(key, "a number in [" + fmt(min) + ", " + fmt(max) + "]");
      }
      return d;
    }

    private static double parse(String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }

    private static String fmt(double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    double probability(String key, double fallback) {
      return number(key, fallback, 0, 1);
    }

    boolean bool(String key, boolean fallback) {
      JsonNode v = values.get(key);
      if (v == null) {
        return fallback;
      }
      if (v.isBoolean()) {
        return v.asBoolean();
      }
      if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
        return Boolean.parseBoolean(v.asText());
      }
      throw bad(key, "true or false");
    }

    String choice(String key, String fallback, List<String> options) {
      JsonNode v = values.get(key);
      if (v == null) {
        return fallback;
      }
      String s = v.asText().toLowerCase(Locale.ROOT);
      if (!v.isTextual() || !options.contains(s)) {
        throw new ConfigException(path + "." + key, "Config key '" + path + "." + key + "' must be one of " + options
            + "; found " + v + "." + ConfigException.didYouMean(Names.closest(s, options)));
      }
      return s;
    }

    /** {@code [height, width]} or a single number for a square. */
    int[] size(String key) {
      JsonNode v = values.get(key);
      Function<JsonNode, Integer> positive = n -> n != null && n.canConvertToInt() && n.isIntegralNumber()
          && n.asInt() > 0 ? n.asInt() : -1;
      if (v == null) {
        throw bad(key, "set: [height, width] in pixels");
      }
      if (v.isArray() && v.size() == 2 && positive.apply(v.get(0)) > 0 && positive.apply(v.get(1)) > 0) {
        return new int[] {v.get(0).asInt(), v.get(1).asInt()};
      }
      if (positive.apply(v) > 0) {
        return new int[] {v.asInt(), v.asInt()};
      }
      throw bad(key, "[height, width] with two positive integers (or one integer for a square)");
    }
  }
}
