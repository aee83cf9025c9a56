package io.mml.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.data.augment.AugmentationPipeline;
import io.mml.runtime.data.decoded.DataFileException;
import io.mml.runtime.data.decoded.MaskData;
import io.mml.runtime.tasks.DemoTasks;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskStruct;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskDatasetTest {
  @TempDir Path tmp;

  static TaskStruct demo(Path root, String name) {
    List<Path> files = DemoTasks.ensureInstalled(root);
    Path f = files.get(DemoTasks.NAMES.indexOf(name));
    return new TaskStruct(name, TaskDescriptions.readHeader(f), f);
  }

  static Config yaml(String text) throws IOException {
    return Config.of((ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(text));
  }

  static final String BASIC = "seed: 7\naugmentations:\n  normalization: imagenet\n  pipeline:\n"
      + "    - {name: flip, p: 0.5}\n    - {name: rotate, degrees: 15}\n    - {name: crop, size: [28, 28]}\n"
      + "    - {name: resize, size: [32, 32]}\n    - {name: color_jitter}\n"
      + "sampling: {batch_size: 16, sample_num: 0, balanced: false, drop_last: false, enable_caching: false,"
      + " cache_max_size: 10000, cache_max_mb: 2048, num_workers: 1}\n";

  @Test
  void splitsFollowTheFolds() {
    TaskStruct t = demo(tmp, "demo_shapes");
    int full = TaskDataset.builder(t, DataSplit.FULL_TRAIN, 0).build().sampleIds().size();
    TaskDataset train = TaskDataset.builder(t, DataSplit.TRAIN, 2).build();
    TaskDataset val = TaskDataset.builder(t, DataSplit.VAL, 2).build();
    assertEquals(300, full);
    assertEquals(full, train.size() + val.size());
    Set<String> both = new HashSet<>(train.sampleIds());
    both.retainAll(val.sampleIds());
    assertTrue(both.isEmpty(), "train and val are disjoint");
    assertEquals(t.description().valIds(2), val.sampleIds());
    assertEquals(90, TaskDataset.builder(t, DataSplit.TEST, 0).build().size());
    assertEquals(0, TaskDataset.builder(t, DataSplit.VAL, 9).build().size(), "fold out of range: empty");
    assertTrue(train.training());
    assertFalse(val.training());
    assertEquals("class", train.targetModality());
  }

  private static List<float[]> epochPixels(TaskDataset d, int epoch) {
    List<float[]> out = new ArrayList<>();
    try (SampleBatches it = d.sampleBatches(epoch, 16)) {
      while (it.hasNext()) {
        for (Sample s : it.next()) {
          out.add(s.image().pixels());
          out.add(new float[] {(Integer) s.target(), s.index()});
        }
      }
    }
    return out;
  }

  @Test
  void augmentedEpochsAreDeterministicRegardlessOfThreadCount() throws IOException {
    TaskStruct t = demo(tmp, "demo_stripes");
    Config cfg = yaml(BASIC);
    TaskDataset one = TaskDataset.builder(t, DataSplit.TRAIN, 0)
        .optPipeline(AugmentationPipeline.fromConfig(cfg, t.header(), 3))
        .optSampling(SamplingOptions.fromConfig(cfg).withNumWorkers(1)).build();
    TaskDataset two = TaskDataset.builder(t, DataSplit.TRAIN, 0)
        .optPipeline(AugmentationPipeline.fromConfig(cfg, t.header(), 3))
        .optSampling(SamplingOptions.fromConfig(cfg).withNumWorkers(2)).build();
    List<float[]> a = epochPixels(one, 3);
    List<float[]> b = epochPixels(two, 3);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), "sample " + i);
    }
    List<float[]> next = epochPixels(one, 4);
    assertFalse(java.util.Arrays.equals(a.get(0), next.get(0)), "another epoch, another order/augmentation");
    assertEquals(128 * 2, a.size(), "every training sample once");
  }

  @Test
  void cacheDecodesEachImageOnceAcrossEpochs() throws IOException {
    TaskStruct t = demo(tmp, "demo_tissue");
    DecodedCache cache = new DecodedCache(10000, 64L << 20);
    TaskDataset d = TaskDataset.builder(t, DataSplit.TRAIN, 1).optCache(cache)
        .optSampling(SamplingOptions.defaults().withNumWorkers(2)).build();
    epochPixels(d, 0);
    assertEquals(d.size(), cache.misses());
    assertEquals(0, cache.hits());
    epochPixels(d, 1);
    epochPixels(d, 2);
    assertEquals(d.size(), cache.misses(), "no decode after the first epoch");
    assertEquals(2L * d.size(), cache.hits());
    assertEquals(d.size(), cache.size());
    assertEquals(d.size() * (64L + 3 * 32 * 32), cache.bytes(), "8-bit samples cached as bytes");
    DecodedCache small = new DecodedCache(10000, 5 * (64L + 3 * 32 * 32));
    TaskDataset d2 = TaskDataset.builder(t, DataSplit.TRAIN, 1).optCache(small).build();
    epochPixels(d2, 0);
    assertEquals(5, small.size(), "bounded by bytes");
    DecodedCache fewEntries = new DecodedCache(3, 0);
    epochPixels(TaskDataset.builder(t, DataSplit.TRAIN, 1).optCache(fewEntries).build(), 0);
    assertEquals(3, fewEntries.size(), "bounded by entries");
  }

  @Test
  void balancedSamplingDrawsClassesEquallyOften() throws IOException {
    TaskStruct t = DataFixtures.classification(tmp.resolve("imb"), "imb", new int[] {90, 9, 1}, 2);
    SamplingOptions o = SamplingOptions.defaults().withBalanced(true, 3000);
    TaskDataset d = TaskDataset.builder(t, DataSplit.FULL_TRAIN, 0).optSampling(o).build();
    int[] counts = new int[3];
    int[] order = d.epochSampler().order((int) d.size(), 0);
    assertEquals(3000, order.length);
    for (int i : order) {
      counts[(Integer) d.load(i, new java.util.Random(0)).target()]++;
    }
    for (int c : counts) {
      assertEquals(1000, c, 100, "uniform over classes: " + java.util.Arrays.toString(counts));
    }
    int[] plain = new int[3];
    TaskDataset u = TaskDataset.builder(t, DataSplit.FULL_TRAIN, 0)
        .optSampling(SamplingOptions.defaults().withBalanced(false, 3000)).build();
    for (int i : u.epochSampler().order((int) u.size(), 0)) {
      plain[(Integer) u.load(i, new java.util.Random(0)).target()]++;
    }
    assertTrue(plain[0] > 2400, "unbalanced follows the data: " + java.util.Arrays.toString(plain));
    assertArrayEquals(order, d.epochSampler().order((int) d.size(), 0), "seeded");
    assertEquals(100, d.batchesPerEpoch(30));
    TaskStruct seg = DataFixtures.segmentation(tmp.resolve("seg"), "seg");
    ConfigException e = assertThrows(ConfigException.class,
        () -> TaskDataset.builder(seg, DataSplit.TRAIN, 0).optSampling(o).build());
    assertEquals("sampling.balanced", e.keyPath());
  }

  @Test
  void dropLastAndSampleNum() {
    TaskStruct t = demo(tmp, "demo_shapes");
    TaskDataset d = TaskDataset.builder(t, DataSplit.TRAIN, 0)
        .optSampling(SamplingOptions.defaults().withBatchSize(50).withDropLast(true)).build();
    assertEquals(4, d.batchesPerEpoch(50), "240 samples, last 40 dropped");
    TaskDataset keep = TaskDataset.builder(t, DataSplit.TRAIN, 0).optSampling(SamplingOptions.defaults()).build();
    assertEquals(5, keep.batchesPerEpoch(50));
    TaskDataset val = TaskDataset.builder(t, DataSplit.VAL, 0)
        .optSampling(SamplingOptions.defaults().withDropLast(true)).build();
    assertEquals(2, val.batchesPerEpoch(50), "evaluation keeps every sample");
  }

  @Test
  void djlRecordsAndBatchesHaveTheDocumentedShapes() throws IOException {
    TaskStruct t = demo(tmp, "demo_shapes");
    Config cfg = yaml(BASIC);
    try (NDManager m = NDManager.newBaseManager()) {
      TaskDataset d = TaskDataset.fromConfig(cfg, t, DataSplit.TRAIN, 0, null);
      Record r = d.get(m, 5);
      assertEquals(new Shape(3, 32, 32), r.getData().singletonOrThrow().getShape());
      assertEquals(DataType.FLOAT32, r.getData().singletonOrThrow().getDataType());
      assertEquals(new Shape(), r.getLabels().singletonOrThrow().getShape());
      assertEquals(DataType.INT64, r.getLabels().singletonOrThrow().getDataType());
      int n = 0;
      Set<String> seen = new HashSet<>();
      for (Batch b : d.getData(m)) {
        assertEquals(new Shape(b.getSize(), 3, 32, 32), b.getData().singletonOrThrow().getShape());
        assertEquals(new Shape(b.getSize()), b.getLabels().singletonOrThrow().getShape());
        for (Object id : b.getIndices()) {
          seen.add((String) id);
        }
        n += b.getSize();
        b.close();
      }
      assertEquals(240, n);
      assertEquals(new HashSet<>(d.sampleIds()), seen, "batch indices are the sample ids");
      assertEquals(1, d.epoch(), "getData advanced the epoch");
      TaskDataset unl = TaskDataset.builder(t, DataSplit.UNLABELLED, 0).build();
      assertEquals(0, unl.size());
      TaskDataset test = TaskDataset.fromConfig(cfg, t, DataSplit.TEST, 0, null);
      Batch first = test.getData(m).iterator().next();
      assertEquals(test.sampleIds().subList(0, 16), first.getIndices(), "evaluation keeps the description order");
      first.close();
    }
  }

  @Test
  void segmentationMasksFollowSpatialTransformsAndEmptyMaskIsZeros() throws IOException {
    TaskStruct t = DataFixtures.segmentation(tmp.resolve("seg"), "seg");
    Config cfg = yaml("augmentations:\n  normalization: null\n  pipeline:\n    - {name: flip, p: 1.0}\n"
        + "    - {name: resize, size: [6, 16]}\n");
    TaskDataset d = TaskDataset.builder(t, DataSplit.FULL_TRAIN, 0)
        .optPipeline(AugmentationPipeline.fromConfig(cfg, t.header(), 3)).build();
    for (int i = 0; i < d.size(); i++) {
      Sample s = d.load(i, new java.util.Random(i));
      MaskData m = (MaskData) s.target();
      assertEquals(16, m.width());
      assertEquals(6, m.height());
      if (s.sampleId().endsWith("_s3")) {
        assertArrayEquals(new int[16 * 6], m.labels(), "EMPTY_MASK is all zeros at image size");
      } else {
        // original label = x * 3 / 8 over 8 columns; flipped, then doubled in width
        assertEquals(2, m.get(0, 0));
        assertEquals(0, m.get(5, 15));
      }
    }
    try (NDManager nd = NDManager.newBaseManager()) {
      Batch b = d.getData(nd).iterator().next();
      assertEquals(new Shape(4, 6, 16), b.getLabels().singletonOrThrow().getShape());
      assertEquals(DataType.INT64, b.getLabels().singletonOrThrow().getDataType());
      b.close();
    }
  }

  @Test
  void aCorruptImageFailsNamingTaskSampleAndFile() throws IOException {
    TaskStruct t = DataFixtures.classification(tmp.resolve("c"), "cor", new int[] {4, 4}, 2);
    String id = t.description().trainIds(0).get(1);
    Path file = t.resolveSample((String) t.description().trainSamples().get(id).get("image"));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 40));
    TaskDataset d = TaskDataset.builder(t, DataSplit.TRAIN, 0)
        .optSampling(SamplingOptions.defaults().withNumWorkers(2)).build();
    // A user's broken file is a user error (exit 4), from the batches as from a direct load.
    DataFileException e = assertThrows(DataFileException.class, () -> epochPixels(d, 0));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("corrupt or truncated"), e.getMessage());
    DataFileException direct = assertThrows(DataFileException.class, () -> d.load(d.sampleIds().indexOf(id), new java.util.Random()));
    assertTrue(direct.getMessage().contains(file.toString()), direct.getMessage());
    assertNotEquals(-1, d.sampleIds().indexOf(id));
  }
}
