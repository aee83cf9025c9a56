package io.mml.runtime.files;

import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import io.mml.runtime.files.FileManager.CreatedPath;
import io.mml.runtime.files.FileManager.Removal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end-of-run clean-up ({@code remove.<key>=true}): deletes the files the run's journal records
 * for the flagged keys, then the run-local {@link FileManager#RUN_LOCAL_FOLDERS}. Only this run's
 * claims are touched, never files of earlier runs; a file that cannot be deleted is logged, not fatal.
 */
final class IntermediateRemoval {
  /** Logged as the {@link FileManager}, whose behaviour this is. */
  private static final Logger LOG = LoggerFactory.getLogger(FileManager.class);

  private final Map<String, Boolean> remove;
  private final CreatedPathsJournal journal;
  private final Path runDir;

  /** @param remove the run's {@code remove} setting (key to flag), copied */
  IntermediateRemoval(Map<String, Boolean> remove, CreatedPathsJournal journal, Path runDir) {
    this.remove = Collections.unmodifiableMap(new LinkedHashMap<>(remove));
    this.journal = journal;
    this.runDir = runDir;
  }

  /** The {@code remove} setting (key to flag), unmodifiable. */
  Map<String, Boolean> settings() {
    return remove;
  }

  /** Removes the flagged keys' files and the run-local folders; {@code known}: the registered keys. */
  Removal run(Map<String, PathKey> known) {
    Set<String> flagged = new LinkedHashSet<>();
    remove.forEach((k, v) -> {
      if (Boolean.TRUE.equals(v)) {
        flagged.add(k);
      }
    });
    for (String k : flagged) {
      if (!known.containsKey(k)) {
        LOG.warn("remove.{}: no path key '{}' is registered.{}", k, k,
            ConfigException.didYouMean(Names.closest(k, known.keySet())));
      }
    }
    List<Path> deleted = new ArrayList<>();
    Set<String> created = new LinkedHashSet<>();
    for (CreatedPath c : journal.read()) {
      created.add(c.key());
      if (flagged.contains(c.key())) {
        try {
          if (Files.deleteIfExists(c.path())) {
            deleted.add(c.path());
          }
        } catch (IOException e) {
          LOG.warn("remove.{}: could not delete {}: {}", c.key(), c.path(), e.getMessage());
        }
      }
    }
    Set<String> neverCreated = new LinkedHashSet<>(flagged);
    neverCreated.removeAll(created);
    if (!neverCreated.isEmpty()) {
      LOG.info("remove: this run created no files for {}", neverCreated);
    }
    List<Path> folders = new ArrayList<>();
    for (String f : FileManager.RUN_LOCAL_FOLDERS) {
      Path dir = runDir.resolve(f);
      if (Files.exists(dir)) {
        FileTrees.deleteTree(dir);
        folders.add(dir);
      }
    }
    LOG.info("remove: deleted {} file(s) and {} run-local folder(s)", deleted.size(), folders.size());
    return new Removal(List.copyOf(deleted), Collections.unmodifiableSet(neverCreated), List.copyOf(folders));
  }
}
