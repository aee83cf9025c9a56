package io.mml.runtime.tasks.tags;

import io.mml.runtime.tasks.Folds;
import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskHeader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Helpers shared by the tags: the target modality, class keys for balancing, seeded splits, and the header
 * recomputation after a tag ({@link #finish}).
 *
 * <p><b>Statistics.</b> {@code means}, {@code stds} and {@code sizes} are kept from the parent and not recomputed:
 * recomputing needs every training image to be read (slow, and it would force creation to happen inside the
 * run), the parent's values are an estimate of the same image distribution, and keeping them means all
 * variants of a task are normalised identically, so their results stay comparable. {@code class_occ} is
 * recomputed from the target modality ({@code class}, {@code classes}, integer {@code value}s); for
 * {@code mask} and {@code soft_classes} targets the parent's counts are kept (recounting masks means reading
 * every mask image).
 */
public final class TagSupport {
  private TagSupport() {}

  /** The modality holding the label for a task type ({@code class}, {@code classes}, {@code mask}, {@code value}), or null. */
  public static String targetModality(TaskDescription d) {
    return switch (d.header().taskType()) {
      case "classification" -> "class";
      case "multilabel_classification" -> "classes";
      case "semantic_segmentation" -> "mask";
      case "regression" -> "value";
      default -> d.header().modalities().containsKey("class") ? "class" : null;
    };
  }

  /** Whether every training sample has a single class index ({@code class} modality): balancing by class works. */
  public static boolean isClassLike(TaskDescription d) {
    return !d.trainSamples().isEmpty()
        && d.trainSamples().values().stream().allMatch(s -> s.get("class") instanceof Number);
  }

  /** The class name of a sample of a class-like task (many-to-one idx_to_class entries give the same key). */
  public static String classOf(TaskHeader h, Map<String, Object> sample) {
    int idx = ((Number) sample.get("class")).intValue();
    String name = h.idxToClass().get(idx);
    return name == null ? "#" + idx : name;
  }

  /**
   * The balancing key of each id, in the given order: the class name when the task is class-like, else one
   * common key (so balanced splitting becomes a plain seeded split).
   */
  public static Map<String, String> balanceKeys(TaskDescription d, List<String> ids,
      Map<String, Map<String, Object>> samples) {
    boolean byClass = isClassLike(d) && ids.stream().allMatch(id -> samples.get(id).get("class") instanceof Number);
    Map<String, String> out = new LinkedHashMap<>();
    for (String id : ids) {
      out.put(id, byClass ? classOf(d.header(), samples.get(id)) : "");
    }
    return out;
  }

  /** Groups ids by key, keeping the given order inside a group; groups sorted by key. */
  public static Map<String, List<String>> group(Map<String, String> keys) {
    Map<String, List<String>> out = new TreeMap<>();
    keys.forEach((id, k) -> out.computeIfAbsent(k, x -> new ArrayList<>()).add(id));
    return out;
  }

  /** Balanced seeded folds (by class when the keys are classes). */
  public static List<List<String>> folds(Map<String, String> keys, int numFolds, long seed) {
    return Folds.balanced(keys, numFolds, seed);
  }

  /**
   * Takes {@code round(fraction * n)} ids of every key group (seeded) and returns {@code [taken, rest]}, both
   * in the input order.
   */
  public static List<List<String>> splitOff(Map<String, String> keys, double fraction, long seed) {
    Random rng = new Random(seed);
    java.util.Set<String> taken = new java.util.HashSet<>();
    for (List<String> ids : group(keys).values()) {
      List<String> shuffled = new ArrayList<>(ids);
      Collections.shuffle(shuffled, rng);
      taken.addAll(shuffled.subList(0, (int) Math.round(fraction * ids.size())));
    }
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    for (String id : keys.keySet()) {
      (taken.contains(id) ? a : b).add(id);
    }
    return List.of(a, b);
  }

  /** The entries of {@code samples} whose ids are in {@code keep}, in the order of {@code samples}. */
  public static Map<String, Map<String, Object>> restrict(Map<String, Map<String, Object>> samples,
      java.util.Collection<String> keep) {
    java.util.Set<String> set = new java.util.HashSet<>(keep);
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    samples.forEach((id, s) -> {
      if (set.contains(id)) {
        out.put(id, s);
      }
    });
    return out;
  }

  /** A new description with the parent's header (to be finished by {@link #finish}). */
  public static TaskDescription derive(TaskDescription parent, List<List<String>> folds,
      Map<String, Map<String, Object>> train, Map<String, Map<String, Object>> test,
      Map<String, Map<String, Object>> unlabelled) {
    return new TaskDescription(parent.header(), folds, train, test, unlabelled);
  }

  /**
   * Recomputes the header fields a tag changes: name (the full alias), num_folds, num_samples, class_occ (from the
   * target modality, see the class comment), and appends {@code protocolLine} to creation_protocol. Means, stds and
   * sizes are kept.
   */
  public static TaskDescription finish(TaskDescription child, String alias, String protocolLine) {
    TaskHeader h = child.header();
    String protocol = h.creationProtocol().isEmpty() ? protocolLine : h.creationProtocol() + "\n" + protocolLine;
    TaskHeader nh = new TaskHeader(alias, h.taskType(), h.keywords(), h.modalities(), h.means(), h.stds(), h.sizes(),
        h.idxToClass(), classOcc(child), child.trainFolds().size(), child.countTrainSamples(), h.description(),
        h.license(), h.release(), h.reference(), h.url(), protocol);
    return child.withHeader(nh);
  }

  /** class_occ of the training samples from the target modality (the header's counts when they cannot be recounted). */
  public static Map<String, Long> classOcc(TaskDescription d) {
    TaskHeader h = d.header();
    String target = targetModality(d);
    if (target == null || target.equals("mask") || target.equals("soft_classes")) {
      return h.classOcc();
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    h.classOcc().keySet().forEach(k -> counts.put(k, 0L));
    for (String name : h.classNames()) {
      counts.putIfAbsent(name, 0L);
    }
    for (Map<String, Object> s : d.trainSamples().values()) {
      Object v = s.get(target);
      if (v instanceof List<?> list) {
        for (Object o : list) {
          count(h, counts, o);
        }
      } else if (v != null) {
        count(h, counts, v);
      }
    }
    return counts;
  }

  private static void count(TaskHeader h, Map<String, Long> counts, Object v) {
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      String name = h.idxToClass().get(n.intValue());
      if (name != null) {
        counts.merge(name, 1L, Long::sum);
      }
    }
  }
}
