package io.mml.runtime.tasks.tags;

import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskHeader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** The seven built-in tags. Each is deterministic for a given task, arguments and seed. */
final class BuiltinTags {
  private BuiltinTags() {}

  static List<Tag> all() {
    return List.of(new Identity(), new Nested(), new Subset(), new ShrinkTrain(), new ShrinkEqual(),
        new RedistributeSplits(), new Confuse());
  }

  /** Base class: name, argument spec and arity. */
  private abstract static class Base implements Tag {
    private final String name;
    private final String spec;
    private final int min;
    private final int max;

    Base(String name, String spec, int min, int max) {
      this.name = name;
      this.spec = spec;
      this.min = min;
      this.max = max;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String argSpec() {
      return spec;
    }

    @Override
    public int minArgs() {
      return min;
    }

    @Override
    public int maxArgs() {
      return max;
    }

    static void needFolds(TaskDescription d, int atLeast, String tag) {
      if (d.trainFolds().size() < atLeast) {
        throw new IllegalArgumentException(tag + " needs a task with at least " + atLeast + " training fold(s); task '"
            + d.header().name() + "' has " + d.trainFolds().size());
      }
    }
  }

  /** {@code identity}: a fresh identical copy (for duplicates and co-tasks). */
  static final class Identity extends Base {
    Identity() {
      super("identity", "", 0, 0);
    }

    @Override
    public void checkArgs(List<String> args) {}

    @Override
    public TaskDescription apply(TaskDescription task, List<String> args, long seed) {
      return TagSupport.derive(task, task.trainFolds(), task.trainSamples(), task.testSamples(),
          task.unlabelledSamples());
    }
  }

  /**
   * {@code nested?<fold>[?<n_folds>=5]}: fold {@code fold} becomes the new test set (the old test set is dropped:
   * it must never be seen while tuning), the other folds are re-split into {@code n_folds} folds, balanced by
   * class when the target is a single class, else a plain seeded split (works for every task type).
   */
  static final class Nested extends Base {
    Nested() {
      super("nested", "?<fold>[?<n_folds>=5]", 1, 2);
    }

    @Override
    public void checkArgs(List<String> args) {
      TagArgs.integer("fold", args.get(0), 0);
      if (args.size() > 1) {
        TagArgs.integer("n_folds", args.get(1), 1);
      }
    }

    @Override
    public TaskDescription apply(TaskDescription task, List<String> args, long seed) {
      int fold = TagArgs.integer("fold", args.get(0), 0);
      int n = args.size() > 1 ? TagArgs.integer("n_folds", args.get(1), 1) : 5;
      needFolds(task, 2, "nested");
      if (fold >= task.trainFolds().size()) {
        throw new IllegalArgumentException("fold '" + fold + "' is out of range: task '" + task.header().name()
            + "' has folds 0.." + (task.trainFolds().size() - 1));
      }
      Set<String> testIds = new HashSet<>(task.trainFolds().get(fold));
      List<String> rest = task.trainSamples().keySet().stream().filter(id -> !testIds.contains(id)).toList();
      Map<String, String> keys = TagSupport.balanceKeys(task, rest, task.trainSamples());
      List<List<String>> folds = TagSupport.folds(keys, n, seed);
      return TagSupport.derive(task, folds, TagSupport.restrict(task.trainSamples(), rest),
          TagSupport.restrict(task.trainSamples(), testIds), task.unlabelledSamples());
    }
  }

  /**
   * {@code subset?<frac>}: every fold shrinks randomly to {@code round(frac * size)} per class (at least one
   * sample of each class present in the fold); folds stay as they are. Without folds the unlabelled samples shrink.
   */
  static final class Subset extends Base {
    Subset() {
      super("subset", "?<frac>", 1, 1);
    }

    @Override
    public void checkArgs(List<String> args) {
      TagArgs.fraction("frac", args.get(0), false);
    }

    @Override
    public TaskDescription apply(TaskDescription task, List<String> args, long seed) {
      double frac = TagArgs.fraction("frac", args.get(0), false);
      Random rng = new Random(seed);
      if (task.trainFolds().isEmpty()) {
        List<String> ids = new ArrayList<>(task.unlabelledSamples().keySet());
        Collections.shuffle(ids, rng);
        List<String> keep = ids.subList(0, Math.max(Math.min(1, ids.size()), (int) Math.round(frac * ids.size())));
        return TagSupport.derive(task, List.of(), task.trainSamples(), task.testSamples(),
            TagSupport.restrict(task.unlabelledSamples(), keep));
      }
      List<List<String>> folds = new ArrayList<>();
      Set<String> kept = new HashSet<>();
      for (List<String> fold : task.trainFolds()) {
        Set<String> keep = new HashSet<>();
        for (List<String> ids : TagSupport.group(TagSupport.balanceKeys(task, fold, task.trainSamples())).values()) {
          List<String> shuffled = new ArrayList<>(ids);
          Collections.shuffle(shuffled, rng);
          keep.addAll(shuffled.subList(0, Math.max(1, (int) Math.round(frac * ids.size()))));
        }
        folds.add(fold.stream().filter(keep::contains).toList());
        kept.addAll(keep);
      }
      return TagSupport.derive(task, folds, TagSupport.restrict(task.trainSamples(), kept), task.testSamples(),
          task.unlabelledSamples());
    }
  }

  /** A tag taking a positive count and an optional seed ({@code ?<n>[?<seed>]}). */
  private abstract static class CountAndSeed extends Base {
    private final String countName;

    CountAndSeed(String name, String countName) {
      super(name, "?<" + countName + ">[?<seed>]", 1, 2);
      this.countName = countName;
    }

    @Override
    public void checkArgs(List<String> args) {
      count(args);
      if (args.size() > 1) {
        TagArgs.seed(args.get(1));
      }
    }

    int count(List<String> args) {
      return TagArgs.integer(countName, args.get(0), 1);
    }

    /** The explicit seed argument when given, else the seed derived from the task alias. */
    static Random rng(List<String> args, long seed) {
      return new Random(args.size() > 1 ? TagArgs.seed(args.get(1)) : seed);
    }
  }

  /**
   * {@code shrink_train?<n_total>[?seed]}: fold 0 (the validation fold) is kept; folds 1..k-1 shrink to exactly
   * {@code n_total} samples together, split over the folds in proportion to their sizes. Inside a fold every class
   * keeps at least {@code min(5, its count)} samples when the fold's budget allows, else the budget is spread over
   * the classes as evenly as possible.
   */
  static final class ShrinkTrain extends CountAndSeed {
    static final int MIN_PER_CLASS = 5;

    ShrinkTrain() {
      super("shrink_train", "n_total");
    }

    @Override
    public TaskDescription apply(TaskDescription task, List<String> args, long seed) {
      int total = count(args);
      Random rng = rng(args, seed);
      needFolds(task, 2, "shrink_train");
      List<List<String>> old = task.trainFolds();
      int available = 0;
      for (int f = 1; f < old.size(); f++) {
        available += old.get(f).size();
      }
      if (total > available) {
        throw new IllegalArgumentException("n_total '" + total + "' is more than the " + available
            + " samples in folds 1.." + (old.size() - 1) + " of task '" + task.header().name() + "'");
      }
      int[] target = new int[old.size()];
      double[] rem = new double[old.size()];
      int assigned = 0;
      for (int f = 1; f < old.size(); f++) {
        double exact = (double) total * old.get(f).size() / available;
        target[f] = (int) Math.floor(exact);
        rem[f] = exact - target[f];
        assigned += target[f];
      }
      List<Integer> order = new ArrayList<>();
      for (int f = 1; f < old.size(); f++) {
        order.add(f);
      }
      order.sort((a, b) -> rem[a] != rem[b] ? Double.compare(rem[b], rem[a]) : Integer.compare(a, b));
      for (int i = 0; assigned < total; i++, assigned++) {
        target[order.get(i)]++;
      }
      List<List<String>> folds = new ArrayList<>();
      folds.add(old.get(0));
      Set<String> kept = new HashSet<>(old.get(0));
      for (int f = 1; f < old.size(); f++) {
        Set<String> pick = pick(TagSupport.group(TagSupport.balanceKeys(task, old.get(f), task.trainSamples())),
            target[f], rng);
        folds.add(old.get(f).stream().filter(pick::contains).toList());
        kept.addAll(pick);
      }
      return TagSupport.derive(task, folds, TagSupport.restrict(task.trainSamples(), kept), task.testSamples(),
          task.unlabelledSamples());
    }

    private static Set<String> pick(Map<String, List<String>> groups, int budget, Random rng) {
      List<List<String>> pools = new ArrayList<>();
      int guaranteed = 0;
      for (List<String> ids : groups.values()) {
        List<String> s = new ArrayList<>(ids);
        Collections.shuffle(s, rng);
        pools.add(s);
        guaranteed += Math.min(MIN_PER_CLASS, s.size());
      }
      Set<String> out = new HashSet<>();
      if (guaranteed <= budget) {
        List<String> leftovers = new ArrayList<>();
        for (List<String> s : pools) {
          int g = Math.min(MIN_PER_CLASS, s.size());
          out.addAll(s.subList(0, g));
          leftovers.addAll(s.subList(g, s.size()));
        }
        Collections.shuffle(leftovers, rng);
        out.addAll(leftovers.subList(0, budget - guaranteed));
      } else {
        for (int round = 0; out.size() < budget; round++) { // even spread: one per class per round
          for (List<String> s : pools) {
            if (round < s.size() && out.size() < budget) {
              out.add(s.get(round));
            }
          }
        }
      }
      return out;
    }
  }

  /**
   * {@code shrink_equal?<n_per_class>[?seed]}: draws {@code n} training samples per class (all of a class that has
   * fewer) and re-splits them into the task's number of balanced folds. Needs a single-class target.
   */
  static final class ShrinkEqual extends CountAndSeed {
    ShrinkEqual() {
      super("shrink_equal", "n_per_class");
    }

    @Override
    public TaskDescription apply(TaskDescription task, List<String> args, long seed) {
      int n = count(args);
      Random rng = rng(args, seed);
      needFolds(task, 1, "shrink_equal");
      if (!TagSupport.isClassLike(task)) {
        throw new IllegalArgumentException("shrink_equal needs a single-class target ('class' modality); task '"
            + task.header().name() + "' is " + task.header().taskType());
      }
      List<String> ids = new ArrayList<>(task.trainSamples().keySet());
      Set<String> keep = new HashSet<>();
      for (List<String> group : TagSupport.group(TagSupport.balanceKeys(task, ids, task.trainSamples())).values()) {
        List<String> s = new ArrayList<>(group);
        Collections.shuffle(s, rng);
        keep.addAll(s.subList(0, Math.min(n, s.size())));
      }
      List<String> kept = ids.stream().filter(keep::contains).toList();
      List<List<String>> folds = TagSupport.folds(TagSupport.balanceKeys(task, kept, task.trainSamples()),
          task.trainFolds().size(), rng.nextLong());
      return TagSupport.derive(task, folds, TagSupport.restrict(task.trainSamples(), kept), task.testSamples(),
          task.unlabelledSamples());
    }
  }

  /**
   * {@code redistribute_splits?<train>[?<val>[?<test>]]}: changes the train/validation/test proportions, keeping
   * the number of folds (fold 0 is the validation fold, folds 1..k-1 share the training part, balanced by class when
   * possible). One argument: all training samples are re-split, fold 0 gets {@code 1 - train}; the test set is
   * kept. Two arguments: the old test set is dropped, {@code 1 - train - val} of the training samples become the new
   * test set. Three arguments (summing to 1): training and test samples are pooled and re-sampled.
   */
  static final class RedistributeSplits extends Base {
    RedistributeSplits() {
      super("redistribute_splits", "?<train>[?<val>[?<test>]]", 1, 3);
    }

    @Override
    public void checkArgs(List<String> args) {
      double[] v = new double[args.size()];
      double sum = 0;
      for (int i = 0; i < args.size(); i++) {
        v[i] = TagArgs.fraction(List.of("train", "val", "test").get(i), args.get(i), true);
        sum += v[i];
      }
      if (v[0] == 0) {
        throw new IllegalArgumentException("train '" + args.get(0) + "' must be more than 0");
      }
      if (args.size() == 1 && v[0] >= 1) {
        throw new IllegalArgumentException("train '" + args.get(0) + "' must be below 1 (the rest becomes fold 0)");
      }
      if (args.size() == 2 && sum > 1 + 1e-9) {
        throw new IllegalArgumentException("train + val = " + sum + " must be at most 1 (the rest becomes the test set)");
      }
      if (args.size() == 3 && Math.abs(sum - 1) > 1e-9) {
        throw new IllegalArgumentException("train + val + test = " + sum + " must be exactly 1");
      }
    }

    @Override
    public TaskDescription apply(TaskDescription task, List<String> args, long seed) {
      checkArgs(args);
      needFolds(task, 2, "redistribute_splits");
      double train = TagArgs.decimal("train", args.get(0));
      double val = args.size() > 1 ? TagArgs.decimal("val", args.get(1)) : 1 - train;
      Random rng = new Random(seed);
      Map<String, Map<String, Object>> pool = new LinkedHashMap<>(task.trainSamples());
      if (args.size() == 3) {
        pool.putAll(task.testSamples());
      }
      Map<String, Map<String, Object>> test = task.testSamples();
      List<String> rest = new ArrayList<>(pool.keySet());
      if (args.size() > 1) {
        double testFrac = Math.max(0, 1 - train - val);
        List<List<String>> split = TagSupport.splitOff(TagSupport.balanceKeys(task, rest, pool), testFrac,
            rng.nextLong());
        test = TagSupport.restrict(pool, split.get(0));
        rest = split.get(1);
      }
      List<List<String>> split = TagSupport.splitOff(TagSupport.balanceKeys(task, rest, pool), val / (train + val),
          rng.nextLong());
      List<List<String>> folds = new ArrayList<>();
      folds.add(split.get(0));
      folds.addAll(TagSupport.folds(TagSupport.balanceKeys(task, split.get(1), pool), task.trainFolds().size() - 1,
          rng.nextLong()));
      return TagSupport.derive(task, folds, TagSupport.restrict(pool, rest), test, task.unlabelledSamples());
    }
  }

  /**
   * {@code confuse?<frac>}: exactly {@code round(frac * n)} of the n training labels are replaced by a different
   * class, drawn uniformly (classification only).
   */
  static final class Confuse extends Base {
    Confuse() {
      super("confuse", "?<frac>", 1, 1);
    }

    @Override
    public void checkArgs(List<String> args) {
      TagArgs.fraction("frac", args.get(0), false);
    }

    @Override
    public TaskDescription apply(TaskDescription task, List<String> args, long seed) {
      double frac = TagArgs.fraction("frac", args.get(0), false);
      TaskHeader h = task.header();
      if (!h.taskType().equals("classification") || !TagSupport.isClassLike(task)) {
        throw new IllegalArgumentException("confuse works only for classification tasks; task '" + h.name() + "' is "
            + h.taskType());
      }
      List<String> names = h.classNames();
      if (names.size() < 2) {
        throw new IllegalArgumentException("confuse needs at least 2 classes; task '" + h.name() + "' has " + names);
      }
      Map<String, Integer> firstIdx = new LinkedHashMap<>();
      h.idxToClass().forEach((idx, name) -> firstIdx.putIfAbsent(name, idx));
      Random rng = new Random(seed);
      List<String> ids = new ArrayList<>(task.trainSamples().keySet());
      Collections.shuffle(ids, rng);
      Set<String> flip = new HashSet<>(ids.subList(0, (int) Math.round(frac * ids.size())));
      Map<String, Map<String, Object>> train = new LinkedHashMap<>();
      for (Map.Entry<String, Map<String, Object>> e : task.trainSamples().entrySet()) {
        Map<String, Object> s = e.getValue();
        if (flip.contains(e.getKey())) {
          String current = TagSupport.classOf(h, s);
          List<String> others = names.stream().filter(n -> !n.equals(current)).toList();
          s = new LinkedHashMap<>(s);
          s.put("class", firstIdx.get(others.get(rng.nextInt(others.size()))));
        }
        train.put(e.getKey(), s);
      }
      return TagSupport.derive(task, task.trainFolds(), train, task.testSamples(), task.unlabelledSamples());
    }
  }
}
