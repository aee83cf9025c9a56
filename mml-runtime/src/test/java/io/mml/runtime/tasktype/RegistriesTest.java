package io.mml.runtime.tasktype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.config.ConfigException;
import io.mml.runtime.modality.Modalities;
import io.mml.runtime.modality.Modality;
import io.mml.runtime.modality.ModalityProvider;
import io.mml.runtime.tasktype.builtin.ClassificationMetrics;
import io.mml.runtime.tasktype.builtin.LinearHead;
import io.mml.runtime.tasktype.builtin.MultilabelLoss;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The modality and task type registries: ServiceLoader discovery, stale entries, did-you-mean, requires. */
class RegistriesTest {
  /** A provider as the processor would generate it. */
  public static final class DepthProvider implements ModalityProvider {
    @Override
    public Modality modality() {
      return new Modality("depth", (dir, entry) -> entry, (ctx, entry) -> {}, true, "depth map");
    }
  }

  /** A task type provider as the processor would generate it. */
  public static final class MultiProvider implements TaskTypeProvider {
    @Override
    public TaskType taskType() {
      return MULTI;
    }
  }

  static final TaskType MULTI = new TaskType("my_multilabel",
      List.of(Set.of("image", "classes"), Set.of("image", "soft_classes")), List.of("classes", "soft_classes"), "classes",
      "mlcls", true,
      LinearHead::new, MultilabelLoss::new, List.of(ClassificationMetrics.Accuracy::new), "");

  private static ClassLoader withServices(Path dir, String service, String... lines) throws Exception {
    Path file = dir.resolve("META-INF/services/" + service);
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, RegistriesTest.class.getClassLoader());
  }

  @Test
  void modalitiesAreLoadedAndStaleEntriesSkipped(@TempDir Path dir) throws Exception {
    ClassLoader loader = withServices(dir, ModalityProvider.class.getName(), "com.gone.Stale_ModalityProvider",
        DepthProvider.class.getName());
    Modalities m = Modalities.load(loader);
    assertTrue(m.ids().contains("depth"));
    assertTrue(m.get("depth").augmentable());
    ConfigException e = assertThrows(ConfigException.class, () -> m.get("detph"));
    assertTrue(e.getMessage().contains("Unknown modality 'detph'"), e.getMessage());
    assertTrue(e.getMessage().contains("Did you mean 'depth'"), e.getMessage());
  }

  @Test
  void duplicateIdsOnTheClassPathAreAnError(@TempDir Path dir) throws Exception {
    ClassLoader loader = withServices(dir, TaskTypeProvider.class.getName(), MultiProvider.class.getName(),
        ClashProvider.class.getName());
    ConfigException e = assertThrows(ConfigException.class, () -> TaskTypes.load(loader));
    assertTrue(e.getMessage().contains("declared twice on the class path"), e.getMessage());
  }

  /** Declares the id of {@link MultiProvider} again. */
  public static final class ClashProvider implements TaskTypeProvider {
    @Override
    public TaskType taskType() {
      return MULTI;
    }
  }

  @Test
  void taskTypesAreLoadedWithDidYouMean(@TempDir Path dir) throws Exception {
    ClassLoader loader = withServices(dir, TaskTypeProvider.class.getName(), MultiProvider.class.getName());
    TaskTypes t = TaskTypes.load(loader);
    assertEquals("mlcls", t.get("my_multilabel").route());
    ConfigException e = assertThrows(ConfigException.class, () -> t.get("my_multilabl"));
    assertTrue(e.getMessage().contains("Did you mean 'my_multilabel'"), e.getMessage());
    assertTrue(t.all().contains(MULTI));
  }

  @Test
  void emptyRegistryNamesTheProcessor() {
    ConfigException e = assertThrows(ConfigException.class, () -> TaskTypes.of(List.of()).get("x"));
    assertTrue(e.getMessage().contains("annotationProcessorPaths"), e.getMessage());
  }

  @Test
  void requiresCheckIsAnOrOfAndSets() {
    TaskTypes t = TaskTypes.of(List.of(MULTI));
    assertEquals(Optional.empty(), t.requiresCheck("my_multilabel", Set.of("image", "soft_classes")));
    assertEquals(Optional.empty(), t.requiresCheck("my_multilabel", Set.of("image", "classes", "sample_id")));
    assertEquals("soft_classes", MULTI.targetFor(Set.of("image", "soft_classes")));
    assertEquals("classes", MULTI.targetFor(Set.of("image", "classes", "soft_classes")));
    String problem = t.requiresCheck("my_multilabel", Set.of("image")).orElseThrow();
    assertTrue(problem.contains("{classes, image} (missing classes) or {image, soft_classes} (missing soft_classes)"),
        problem);
  }
}
