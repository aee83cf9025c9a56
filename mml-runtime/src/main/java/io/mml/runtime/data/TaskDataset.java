package io.mml.runtime.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.translate.Batchifier;
import ai.djl.util.Progress;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.data.augment.AugmentationPipeline;
import io.mml.runtime.data.augment.ImageAndMask;
import io.mml.runtime.data.decoded.CompactImage;
import io.mml.runtime.data.decoded.DataFileException;
import io.mml.runtime.data.decoded.ImageData;
import io.mml.runtime.data.decoded.MaskData;
import io.mml.runtime.data.loaders.ClassLabelLoader;
import io.mml.runtime.data.loaders.ClassesLoader;
import io.mml.runtime.data.loaders.ImageLoader;
import io.mml.runtime.data.loaders.MaskLoader;
import io.mml.runtime.data.loaders.SoftClassesLoader;
import io.mml.runtime.data.loaders.ValueLoader;
import io.mml.runtime.modality.ModalityLoader;
import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasks.TaskStruct;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The samples of one task, split and fold as a DJL {@link RandomAccessDataset}. A record is
 * {@code data = [image float32 CHW]}, {@code labels = [target]} (class int64 scalar, multi-hot or
 * soft float32 {@code [K]}, value float32 scalar, mask int64 {@code [H, W]}; empty when unlabelled).
 * {@link #getData(NDManager)} yields batches (see {@link TaskBatch} for shapes) whose
 * {@link Batch#getIndices()} are the sample ids, decoding and augmenting on
 * {@code num_workers} threads; each call is the next epoch. Results depend only on (seed, epoch,
 * position in the epoch), not on the thread count. Decoded images go through the shared
 * {@link DecodedCache} when one is given.
 */
public final class TaskDataset extends RandomAccessDataset {
  private final TaskStruct task;
  private final DataSplit split;
  private final int fold;
  private final List<String> ids;
  private final List<Map<String, Object>> entries;
  private final String targetModality;
  private final AugmentationPipeline pipeline;
  private final boolean training;
  private final DecodedCache cache;
  private final SamplingOptions opts;
  private final EpochSampler epochSampler;
  private final Map<String, ModalityLoader> loaders;
  private final Map<Integer, Integer> classRemap;
  private final int numClasses;
  private final AtomicInteger epoch = new AtomicInteger();
  private volatile int workerLimit = -1;
  /** Cache keys by sample index, made on first use (racy but idempotent: every thread computes the same key). */
  private final String[] imageKeys;
  private final String[] maskKeys;

  private TaskDataset(Builder b, EpochSampler sampler, List<String> ids, List<Map<String, Object>> entries,
      String targetModality, Map<Integer, Integer> classRemap) {
    super(b);
    this.task = b.task;
    this.split = b.split;
    this.fold = b.fold;
    this.ids = ids;
    this.entries = entries;
    this.targetModality = targetModality;
    this.pipeline = b.pipeline;
    this.training = b.training;
    this.cache = b.cache;
    this.opts = b.opts;
    this.epochSampler = sampler;
    this.loaders = b.loaders;
    this.classRemap = classRemap;
    this.numClasses = task.header().numClasses();
    this.imageKeys = new String[ids.size()];
    this.maskKeys = new String[ids.size()];
  }

  /** A builder for the given task, split and fold. */
  public static Builder builder(TaskStruct task, DataSplit split, int fold) {
    return new Builder(task, split, fold);
  }

  /**
   * A data set configured from the run config ({@code augmentations}, {@code sampling},
   * {@code num_workers}, {@code seed}); images are converted to 3 channels.
   */
  public static TaskDataset fromConfig(Config cfg, TaskStruct task, DataSplit split, int fold, DecodedCache cache) {
    return builder(task, split, fold)
        .optPipeline(AugmentationPipeline.fromConfig(cfg, task.header(), 3))
        .optSampling(SamplingOptions.fromConfig(cfg))
        .optCache(cache)
        .build();
  }

  public TaskStruct task() {
    return task;
  }

  public DataSplit split() {
    return split;
  }

  public int fold() {
    return fold;
  }

  /** Sample ids by index. */
  public List<String> sampleIds() {
    return ids;
  }

  /** The modality holding targets, or null. */
  public String targetModality() {
    return targetModality;
  }

  /** Whether random augmentation and shuffling/balancing apply. */
  public boolean training() {
    return training;
  }

  public SamplingOptions sampling() {
    return opts;
  }

  public EpochSampler epochSampler() {
    return epochSampler;
  }

  /** The epoch the next {@link #getData} call will produce. */
  public int epoch() {
    return epoch.get();
  }

  /** Sets the epoch the next {@link #getData} call will produce (e.g. when resuming). */
  public void setEpoch(int e) {
    epoch.set(e);
  }

  /** Returns the current epoch and advances it. */
  int nextEpoch() {
    return epoch.getAndIncrement();
  }

  /** Number of batches of epoch {@code e} (depends on sample_num and drop_last, not on e). */
  public int batchesPerEpoch(int batchSize) {
    return epochSampler.batches(ids.size(), 0, batchSize).size();
  }

  /**
   * Loads sample {@code index}: decode (through the cache), target, augmentation with {@code rng}.
   *
   * @throws IOException naming the task, sample and file when something cannot be read
   */
  public Sample load(int index, Random rng) throws IOException {
    String id = ids.get(index);
    Map<String, Object> entry = entries.get(index);
    Path dir = task.datasetDir();
    Object imageEntry = entry.get("image");
    if (imageEntry == null) {
      throw new TaskException("Task '" + task.name() + "', sample '" + id + "' has no image entry in "
          + task.descriptionPath() + ". Re-create the task (mml create) or add the sample's image.");
    }
    try {
      Object decoded = decode("image", index, dir, imageEntry);
      Object target = null;
      MaskData mask = null;
      if (targetModality != null) {
        Object raw = entry.get(targetModality);
        if (raw == null) {
          throw new TaskException("Task '" + task.name() + "', sample '" + id + "' (" + split.id() + ") has no '"
              + targetModality + "' entry although the task type " + task.header().taskType() + " needs one. Add it"
              + " to " + task.descriptionPath() + " or re-create the task.");
        }
        if (targetModality.equals("mask")) {
          int w = decoded instanceof CompactImage c ? c.width() : ((ImageData) decoded).width();
          int h = decoded instanceof CompactImage c ? c.height() : ((ImageData) decoded).height();
          mask = (MaskData) decode("mask", index, dir, raw);
          if (MaskLoader.isEmptyMask(raw)) {
            mask = MaskData.zeros(w, h);
          } else if (mask.width() != w || mask.height() != h) {
            throw new DataFileException(dir.resolve(String.valueOf(raw)), "Task '" + task.name() + "', sample '" + id
                + "': mask " + raw + " is "
                + mask.width() + "x" + mask.height() + " but image " + imageEntry + " is " + w + "x" + h
                + ". Masks must have their image's size: re-export the mask at the image's size.", null);
          }
          mask = remapMask(mask, id);
        } else {
          target = target(loaders.get(targetModality).load(dir, raw), id);
        }
      }
      if (decoded instanceof CompactImage c && mask == null && pipeline.onlyNormalizes(training)) {
        // The common case (no augmentation on this split): expand, convert and normalise in one pass.
        return new Sample(task.name(), id, index, pipeline.convertAndNormalize(c), target);
      }
      // An expanded compact sample is a fresh array the pipeline may overwrite; a cached ImageData is not.
      boolean fresh = decoded instanceof CompactImage;
      ImageData image = fresh ? ((CompactImage) decoded).toImageData() : (ImageData) decoded;
      ImageAndMask out = pipeline.apply(new ImageAndMask(image, mask), rng, training, fresh);
      return new Sample(task.name(), id, index, out.image(), mask == null ? target : out.mask());
    } catch (IllegalArgumentException e) {
      throw new TaskException("Task '" + task.name() + "', sample '" + id + "' (" + split.id() + "): "
          + e.getMessage() + ". Fix the sample's entry in " + task.descriptionPath() + " or re-create the task.", e);
    }
  }

  /**
   * A decoded value through the cache (images are cached compactly, see {@link CompactImage}), or
   * straight from the loader without a cache. Cache keys are made once per sample.
   */
  private Object decode(String modality, int index, Path dir, Object raw) throws IOException {
    ModalityLoader loader = loaders.get(modality);
    if (cache == null || !(raw instanceof String s) || TaskDescriptions.EMPTY_MASK.equals(raw)) {
      return loader.load(dir, raw);
    }
    String[] keys = modality.equals("image") ? imageKeys : maskKeys;
    String key = keys[index];
    if (key == null) {
      key = modality + ':' + dir.resolve(s).normalize();
      keys[index] = key;
    }
    return cache.get(key, () -> {
      Object v = loader.load(dir, raw);
      if (v instanceof ImageData im) {
        CompactImage c = CompactImage.of(im);
        return c != null ? c : im;
      }
      return v;
    });
  }

  private Object target(Object value, String id) {
    switch (targetModality) {
      case "class":
        return remapClass((Integer) value, id);
      case "classes": {
        float[] hot = new float[numClasses];
        for (int c : (int[]) value) {
          hot[remapClass(c, id)] = 1f;
        }
        return hot;
      }
      case "soft_classes": {
        float[] v = (float[]) value;
        if (v.length != numClasses) {
          throw new IllegalArgumentException("soft_classes has " + v.length + " values but the task has " + numClasses
              + " classes");
        }
        return v;
      }
      case "value":
        return value;
      default:
        throw new IllegalStateException(targetModality);
    }
  }

  private int remapClass(int raw, String id) {
    Integer c = classRemap.get(raw);
    if (c == null) {
      throw new IllegalArgumentException("class index " + raw + " is not in the task's idx_to_class "
          + task.header().idxToClass().keySet());
    }
    return c;
  }

  private MaskData remapMask(MaskData m, String id) {
    boolean identity = true;
    for (Map.Entry<Integer, Integer> e : classRemap.entrySet()) {
      identity &= e.getKey().equals(e.getValue());
    }
    if (identity) {
      return m;
    }
    int[] l = m.labels().clone();
    for (int i = 0; i < l.length; i++) {
      if (l[i] != 255) {
        l[i] = remapClass(l[i], id);
      }
    }
    return new MaskData(m.width(), m.height(), l);
  }

  /** The per-sample random source: a function of (seed, epoch, position), never of the thread. */
  public Random sampleRandom(int epochNo, int position) {
    return Seeds.random(opts.seed(), epochNo, position);
  }

  @Override
  public Record get(NDManager manager, long index) throws IOException {
    int i = Math.toIntExact(index);
    Sample s = load(i, sampleRandom(Math.max(0, epoch.get() - 1), i));
    TaskBatch b = TaskBatch.of(manager, task.name(), List.of(s));
    NDArray x = b.data().get(0).reshape(new Shape(s.image().channels(), s.image().height(), s.image().width()));
    NDList labels = new NDList();
    if (!b.labels().isEmpty()) {
      NDArray y = b.labels().get(0);
      labels.add(y.reshape(y.getShape().slice(1)));
    }
    return new Record(new NDList(x), labels);
  }

  @Override
  protected long availableSize() {
    return ids.size();
  }

  @Override
  public void prepare(Progress progress) {
    // descriptions are read when the data set is built; images lazily
  }

  /** The Java-side batches of an epoch (decoded and augmented on {@link #workers()} threads). */
  public SampleBatches sampleBatches(int epochNo, int batchSize) {
    return new SampleBatches(this, epochSampler.batches(ids.size(), epochNo, batchSize), epochNo, batchSize,
        workers());
  }

  /** The loading threads of the following epochs: {@code num_workers}, or what {@link #limitWorkers} left. */
  public int workers() {
    int limit = workerLimit;
    return limit < 0 ? opts.numWorkers() : Math.min(limit, opts.numWorkers());
  }

  /**
   * Loads the following epochs on at most {@code max} threads (0: on the caller's thread). A trainer
   * whose engine keeps every core busy asks for fewer: on a full CPU a loading thread preempts an
   * engine thread, and the engine's parallel sections wait for it. Results do not change.
   */
  public void limitWorkers(int max) {
    workerLimit = Math.max(0, max);
  }

  /** The batches of one epoch as DJL batches (indices = sample ids). */
  public Iterable<Batch> epochBatches(NDManager manager, int epochNo) {
    return () -> new Iterator<>() {
      private final SampleBatches it = sampleBatches(epochNo, opts.batchSize());
      private int n;

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        List<Sample> samples = it.next();
        NDManager sub = manager.newSubManager();
        TaskBatch tb = TaskBatch.of(sub, task.name(), samples);
        n++;
        return new Batch(sub, tb.data(), tb.labels(), tb.size(), Batchifier.STACK, Batchifier.STACK, n,
            it.numBatches(), tb.sampleIds());
      }
    };
  }

  /** The next epoch's batches (advances the epoch). */
  @Override
  public Iterable<Batch> getData(NDManager manager) {
    return epochBatches(manager, nextEpoch());
  }

  /** As {@link #getData(NDManager)}: decoding uses this data set's own worker threads. */
  @Override
  public Iterable<Batch> getData(NDManager manager, ExecutorService executorService) {
    return getData(manager);
  }

  @Override
  public String toString() {
    return "TaskDataset[" + task.name() + ", " + split.id() + ", fold " + fold + ", " + ids.size() + " samples]";
  }

  /** Builds a {@link TaskDataset}. */
  public static final class Builder extends BaseBuilder<Builder> {
    private final TaskStruct task;
    private final DataSplit split;
    private final int fold;
    private AugmentationPipeline pipeline = AugmentationPipeline.identity(3);
    private SamplingOptions opts = SamplingOptions.defaults();
    private DecodedCache cache;
    private Boolean trainingOverride;
    private boolean training;
    private Map<String, ModalityLoader> loaders = defaultLoaders();

    private Builder(TaskStruct task, DataSplit split, int fold) {
      this.task = task;
      this.split = split;
      this.fold = fold;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** The transforms (default: conversion to 3 channels only). */
    public Builder optPipeline(AugmentationPipeline p) {
      this.pipeline = p;
      return this;
    }

    public Builder optSampling(SamplingOptions o) {
      this.opts = o;
      return this;
    }

    /** The shared decoded-image cache, or null for none. */
    public Builder optCache(DecodedCache c) {
      this.cache = c;
      return this;
    }

    /** Whether to augment and shuffle/balance (default: train and full_train splits do). */
    public Builder optTraining(boolean t) {
      this.trainingOverride = t;
      return this;
    }

    /** Loaders by modality id (default: the built-in ones). */
    public Builder optLoaders(Map<String, ModalityLoader> l) {
      Map<String, ModalityLoader> m = new HashMap<>(defaultLoaders());
      m.putAll(l);
      this.loaders = Map.copyOf(m);
      return this;
    }

    private static Map<String, ModalityLoader> defaultLoaders() {
      return Map.of("image", new ImageLoader(), "mask", new MaskLoader(), "class", new ClassLabelLoader(),
          "classes", new ClassesLoader(), "soft_classes", new SoftClassesLoader(), "value", new ValueLoader());
    }

    public TaskDataset build() {
      training = trainingOverride != null ? trainingOverride
          : split == DataSplit.TRAIN || split == DataSplit.FULL_TRAIN;
      TaskDescription d = task.description();
      Map<String, Map<String, Object>> pool;
      List<String> ids;
      switch (split) {
        case TRAIN -> {
          pool = d.trainSamples();
          ids = d.trainIds(fold);
        }
        case VAL -> {
          pool = d.trainSamples();
          ids = d.valIds(fold);
        }
        case FULL_TRAIN -> {
          pool = d.trainSamples();
          ids = new ArrayList<>();
          d.trainFolds().forEach(ids::addAll);
        }
        case TEST -> {
          pool = d.testSamples();
          ids = new ArrayList<>(pool.keySet());
        }
        default -> {
          pool = d.unlabelledSamples();
          ids = new ArrayList<>(pool.keySet());
        }
      }
      List<Map<String, Object>> entries = new ArrayList<>(ids.size());
      for (String id : ids) {
        Map<String, Object> e = pool.get(id);
        if (e == null) {
          throw new IllegalStateException("Task '" + task.name() + "': fold lists sample '" + id
              + "' which has no entry in the description " + task.descriptionPath());
        }
        entries.add(e);
      }
      TaskHeader h = task.header();
      String target = split.labelled() ? targetModality(h) : null;
      Map<Integer, Integer> remap = new HashMap<>();
      List<String> names = h.classNames();
      h.idxToClass().forEach((idx, name) -> remap.put(idx, names.indexOf(name)));
      int[] classOf = null;
      if (opts.balanced() && training) {
        if (!"class".equals(target)) {
          throw new ConfigException("sampling.balanced", "Config key 'sampling.balanced' is true but task '"
              + task.name() + "' is " + h.taskType() + "; balanced sampling needs a classification task. Set"
              + " sampling.balanced=false.");
        }
        classOf = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
          Object c = entries.get(i).get("class");
          classOf[i] = c instanceof Number n ? n.intValue() : -1;
        }
      }
      sampler = new EpochSampler(opts, training, classOf);
      return new TaskDataset(this, (EpochSampler) sampler, List.copyOf(ids), List.copyOf(entries), target, remap);
    }

    private static String targetModality(TaskHeader h) {
      switch (h.taskType()) {
        case "classification":
          return "class";
        case "multilabel_classification":
          return h.modalities().containsKey("classes") || !h.modalities().containsKey("soft_classes")
              ? "classes" : "soft_classes";
        case "semantic_segmentation":
          return "mask";
        case "regression":
          return "value";
        default:
          return null;
      }
    }
  }
}
