package io.mml.runtime.tasks.create;

import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.FileTrees;
import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.TaskFiles;
import io.mml.runtime.tasks.TaskNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates one task from a source with a registered {@link TaskCreatorProvider}: (archive → extracted
 * into {@code DOWNLOADS/<dataset>}) → files copied into a hidden staging folder under {@code RAW} →
 * every sample verified, folds split, statistics computed → the data moved into
 * {@code RAW/DSET_<dataset>/<task>/} and {@code TASK_<task>.json} written atomically. On any error
 * the staging folder is deleted and nothing of the task is left behind (no description, no new
 * dataset folder).
 */
public final class TaskImport {
  private static final Logger LOG = LoggerFactory.getLogger(TaskImport.class);
  /** Prefix of staging folders under RAW (left-overs are removed by {@code mml clean}). */
  public static final String STAGING_PREFIX = ".staging-";

  private TaskImport() {}

  /**
   * One creation request.
   *
   * @param dataRoot the data tree
   * @param importer the provider name ({@code folder}, {@code csv}, {@code segmentation}, or a registered one)
   * @param source the source folder, file or archive; may be null for importers that take folders as options
   * @param task the new task's name
   * @param dataset the dataset (folder {@code RAW/DSET_<dataset>}); null = the task name
   * @param type the task type, or null to let the importer infer it
   * @param options importer options ({@code images}, {@code masks}, {@code classes}, {@code class_map}, {@code csv},
   *     {@code delimiter}, ...)
   * @param numFolds folds of the training samples
   * @param seed seed of the fold split
   * @param workers threads for verification and statistics
   * @param overwrite replace an existing task of that name
   */
  public record Request(Path dataRoot, String importer, Path source, String task, String dataset, String type,
      Map<String, Object> options, int numFolds, long seed, int workers, boolean overwrite) {
    public Request {
      options = options == null ? Map.of() : new LinkedHashMap<>(options);
      dataset = dataset == null || dataset.isBlank() ? task : dataset;
    }
  }

  /** The providers on the class path by name (the built-ins always included). */
  public static Map<String, TaskCreatorProvider> providers(ClassLoader loader) {
    Map<String, TaskCreatorProvider> out = new LinkedHashMap<>();
    for (TaskCreatorProvider p : List.of(new FolderImporter(), new CsvImporter(), new SegmentationImporter())) {
      out.put(p.name(), p);
    }
    var it = ServiceLoader.load(TaskCreatorProvider.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        TaskCreatorProvider p = it.next();
        TaskCreatorProvider old = out.putIfAbsent(p.name(), p);
        if (old != null && old.getClass() != p.getClass()) {
          throw new TaskException("Importer '" + p.name() + "' is registered twice: " + old.getClass().getName()
              + " and " + p.getClass().getName());
        }
      } catch (ServiceConfigurationError e) {
        LOG.warn("Skipping a broken task creator registration: {}", e.getMessage());
      }
    }
    return out;
  }

  /** Creates the task with the providers of this class's loader; returns its description file. */
  public static Path create(Request r) {
    return create(r, providers(TaskImport.class.getClassLoader()), ModalityLookup.builtin(), TaskTypeRules.builtin());
  }

  /** Creates the task; returns its description file. */
  public static Path create(Request r, Map<String, TaskCreatorProvider> providers, ModalityLookup modalities,
      TaskTypeRules types) {
    String p = TaskNames.baseProblem(r.task());
    if (p != null) {
      throw new TaskException("Invalid task name '" + r.task() + "' (mode.task): " + p);
    }
    TaskCreatorProvider provider = providers.get(r.importer());
    if (provider == null) {
      throw new TaskException("Unknown importer '" + r.importer() + "' (mode.importer); available: "
          + providers.keySet());
    }
    Path root = r.dataRoot().toAbsolutePath().normalize();
    Path datasetDir = TaskFiles.rawDatasetDir(root, r.dataset());
    Path descFile = TaskFiles.descriptionFile(datasetDir, r.task());
    if (Files.exists(descFile) && !r.overwrite()) {
      throw new TaskException("Task '" + r.task() + "' already exists (" + descFile + "); choose another name with"
          + " mode.task=<name> or replace it with mode.overwrite=true");
    }
    Path source = r.source() == null ? null : r.source().toAbsolutePath().normalize();
    if (source != null && !Files.exists(source)) {
      throw new TaskException("Source " + source + " (mode.source) does not exist");
    }
    boolean rawExisted = Files.isDirectory(root.resolve(TaskFiles.RAW));
    if (source != null && Files.isRegularFile(source) && Archives.isArchive(source)) {
      source = extract(source, root.resolve(TaskFiles.DOWNLOADS), r.dataset());
    }
    Path raw = root.resolve(TaskFiles.RAW);
    Path staging = null;
    boolean ok = false;
    try {
      Files.createDirectories(raw);
      staging = Files.createTempDirectory(raw, STAGING_PREFIX + r.dataset() + "-" + r.task() + "-");
      ImportContext ctx = new ImportContext(r.task(), r.dataset(), r.type(), source, r.options(), staging);
      ImportedTask found = provider.read(ctx);
      TaskCreator creator = TaskCreator.builder(r.task(), found.type(), staging)
          .description(r.options().get("description") != null ? r.options().get("description").toString()
              : found.description()).numFolds(r.numFolds()).seed(r.seed()).workers(r.workers())
          .modalities(modalities).taskTypes(types).build();
      creator.findData(found.train(), found.test(), found.unlabelled(), found.idxToClass()).splitFolds().inferStats();
      TaskDescription check = creator.describe(); // everything validated before anything is published
      LOG.debug("Task '{}' ready: {} train samples", r.task(), check.trainSamples().size());
      publish(creator, staging, datasetDir, descFile, r.task());
      ok = true;
      return descFile;
    } catch (IOException e) {
      throw new TaskException("Creating task '" + r.task() + "' failed: " + e, e);
    } finally {
      if (staging != null) {
        FileTrees.deleteTreeQuietly(staging);
      }
      if (!ok && !rawExisted) {
        deleteIfEmpty(raw);
      }
    }
  }

  private static void deleteIfEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      if (s.findAny().isEmpty()) {
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      LOG.debug("Could not remove {}", dir, e);
    }
  }

  private static void publish(TaskCreator creator, Path staging, Path datasetDir, Path descFile, String task)
      throws IOException {
    boolean createdDataset = !Files.exists(datasetDir);
    Files.createDirectories(datasetDir);
    Path data = datasetDir.resolve(task);
    Path staged = staging.resolve(task);
    Path trash = null;
    boolean moved = false;
    try {
      if (Files.exists(data)) {
        trash = datasetDir.resolve(".trash-" + task + "-" + System.nanoTime());
        move(data, trash);
      }
      if (Files.exists(staged)) {
        move(staged, data);
        moved = true;
      }
      creator.write(descFile);
    } catch (IOException | RuntimeException e) {
      // Roll back: the old data (if any) returns, the new data goes, an empty new dataset folder goes.
      try {
        if (moved) {
          FileTrees.deleteTreeQuietly(data);
        }
        if (trash != null) {
          move(trash, data);
          trash = null;
        }
        if (createdDataset) {
          try (Stream<Path> s = Files.list(datasetDir)) {
            if (s.findAny().isEmpty()) {
              Files.deleteIfExists(datasetDir);
            }
          }
        }
      } catch (IOException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      if (trash != null) {
        FileTrees.deleteTreeQuietly(trash);
      }
    }
    AtomicFiles.fsyncDirectory(datasetDir);
  }

  /** Extracts an archive into {@code downloads/<dataset>} (replacing an earlier extraction); returns its root. */
  static Path extract(Path archive, Path downloads, String dataset) {
    Path target = downloads.resolve(dataset);
    Path tmp = null;
    boolean existed = Files.isDirectory(downloads);
    try {
      Files.createDirectories(downloads);
      tmp = Files.createTempDirectory(downloads, "." + dataset + ".extract-");
      LOG.info("Extracting {} into {}", archive, target);
      Archives.extract(archive, tmp);
      if (Files.exists(target)) {
        FileTrees.deleteTreeQuietly(target);
      }
      move(tmp, target);
      tmp = null;
    } catch (IOException e) {
      throw new TaskException("Cannot extract " + archive + " into " + target + ": " + e, e);
    } finally {
      if (tmp != null) {
        FileTrees.deleteTreeQuietly(tmp);
        if (!existed) {
          deleteIfEmpty(downloads);
        }
      }
    }
    return singleFolder(target);
  }

  /** Descends into a lone top-level folder (archives often wrap everything in one). */
  private static Path singleFolder(Path dir) {
    Path cur = dir;
    for (int i = 0; i < 3; i++) {
      List<Path> kids = new ArrayList<>();
      try (Stream<Path> s = Files.list(cur)) {
        s.filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().equals("__MACOSX"))
            .forEach(kids::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (kids.size() == 1 && Files.isDirectory(kids.get(0)) && !List.of("train", "images", "masks", "test",
          "unlabelled").contains(kids.get(0).getFileName().toString())) {
        cur = kids.get(0);
      } else {
        break;
      }
    }
    return cur;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }
}
