package io.mml.runtime.toolkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigComposer;
import io.mml.runtime.config.ConfigSources;
import io.mml.runtime.data.Sample;
import io.mml.runtime.data.SampleBatches;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.data.decoded.DataFileException;
import io.mml.runtime.files.FileManager;
import io.mml.runtime.tasks.DemoTasks;
import io.mml.runtime.tasks.TaskIndex;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.train.ModelStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The author toolkit on the demo tasks: the composed config shapes the data module, and a model
 * trained, saved and loaded back embeds samples exactly as the one in memory.
 */
class ToolkitTest {
  private static final ConfigSources SOURCES = ConfigSources.load(ToolkitTest.class.getClassLoader(), List.of());

  @TempDir
  static Path tmp;
  private static TaskIndex index;

  @BeforeAll
  static void demo() {
    DemoTasks.ensureInstalled(tmp.resolve("data"));
    index = TaskIndex.scan(tmp.resolve("data"));
  }

  private static Config compose(String... overrides) {
    List<String> all = new ArrayList<>(List.of("data_dir=" + tmp.resolve("data"), "out_dir=" + tmp.resolve("results"),
        "tasks=demo"));
    all.addAll(List.of(overrides));
    return new ConfigComposer(SOURCES, Map.<String, String>of()::get).compose("train", all).config();
  }

  private static Toolkit toolkit(Config cfg, String run) throws Exception {
    Path runDir = Files.createDirectories(tmp.resolve("results/default/runs").resolve(run));
    return new Toolkit(cfg, FileManager.builder(tmp.resolve("data"), tmp.resolve("results"), "default", runDir).build());
  }

  private static List<Sample> epoch(TaskDataset data) throws Exception {
    List<Sample> out = new ArrayList<>();
    try (SampleBatches b = data.sampleBatches(0, data.sampling().batchSize())) {
      while (b.hasNext()) {
        out.addAll(b.next());
      }
    }
    return out;
  }

  @Test
  void theComposedConfigShapesTheDataModule() throws Exception {
    TaskStruct task = TaskStruct.of(index, "demo_shapes");
    DataModule raw = toolkit(compose("augmentations=no_norm", "sampling=extraction_default", "sampling.sample_num=30"),
        "raw").datamodule(task, 0);
    List<Sample> drawn = epoch(raw.sampled());
    assertEquals(30, drawn.size(), "sampling.sample_num draws");
    for (Sample s : drawn) {
      for (float v : s.image().pixels()) {
        assertTrue(v >= 0 && v <= 1, "no_norm keeps pixel values in [0, 1]: " + v);
      }
    }
    DataModule normalised = toolkit(compose(), "norm").datamodule(task, 0);
    boolean negative = false;
    for (Sample s : epoch(normalised.val())) {
      for (float v : s.image().pixels()) {
        negative |= v < 0;
      }
    }
    assertTrue(negative, "the train mode's default normalisation centres the pixels");
    assertEquals(normalised.val().size() + normalised.train().size(), normalised.all().size(),
        "fold 0 is validation, the other folds train");
  }

  @Test
  void aSavedModelLoadsBackAndEmbedsLikeTheOneInMemory() throws Exception {
    Config cfg = compose("arch=mlp", "arch.hidden=[16]", "trainer.max_epochs=1", "sampling.batch_size=32",
        "sampling.sample_num=40");
    Toolkit kit = toolkit(cfg, "train");
    TaskStruct task = TaskStruct.of(index, "demo_stripes");
    TaskModel fresh = kit.model(task);
    DataModule data = kit.datamodule(task, 0, fresh.setup().channels());
    TrainedModel trained = kit.trainer(fresh, data, tmp.resolve("ckpt"), 7, null).fit();
    assertEquals(1, trained.result().history().size());
    Path storage = kit.saver(true).save(trained);
    assertEquals("demo_stripes", ModelStorage.read(storage).task());

    TaskModel loaded = kit.model(task, storage);
    assertTrue(loaded.trained());
    assertEquals(trained.model().spec(), loaded.spec(), "the stored arch and input channels rebuild the same spec");
    Features inMemory = kit.featureExtractor(1).extract(trained.model(), data.all());
    Features reloaded = kit.featureExtractor(2).extract(loaded, data.all());
    assertEquals(data.all().size(), inMemory.size());
    assertEquals(16, inMemory.dim(), "the backbone's feature width (arch.hidden)");
    assertEquals(inMemory.sampleIds(), reloaded.sampleIds());
    for (int i = 0; i < inMemory.size(); i++) {
      assertArrayEquals(inMemory.values()[i], reloaded.values()[i], 1e-6f);
    }

    DataFileException wrongTask = assertThrows(DataFileException.class,
        () -> kit.model(TaskStruct.of(index, "demo_shapes"), storage));
    assertTrue(wrongTask.getMessage().contains("belongs to task demo_stripes"), wrongTask.getMessage());
  }

  @Test
  void freshModelsEmbedDeterministicallyPerSeed() throws Exception {
    Toolkit kit = toolkit(compose("arch=cnn", "arch.channels=[4]"), "fresh");
    TaskStruct task = TaskStruct.of(index, "demo_tissue");
    TaskModel model = kit.model(task);
    TaskDataset data = kit.datamodule(task, 0, model.setup().channels()).val();
    Features a = kit.featureExtractor(3).extract(model, data);
    Features b = kit.featureExtractor(3).extract(model, data);
    Features c = kit.featureExtractor(4).extract(model, data);
    assertEquals(4, a.dim(), "spatial features averaged to one value per channel");
    assertArrayEquals(a.values()[0], b.values()[0], 0f);
    assertTrue(!java.util.Arrays.equals(a.values()[0], c.values()[0]), "another seed draws other weights");
  }
}
