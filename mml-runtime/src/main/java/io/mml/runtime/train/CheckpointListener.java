package io.mml.runtime.train;

import ai.djl.ndarray.NDManager;
import io.mml.runtime.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumable checkpoints in the training's checkpoint folder: the parameters
 * ({@code last-eNNNN-bNNNNNN.params}), the optimizer state (same name, {@code .opt}), the best
 * parameters when they changed ({@code best.params}) and, last, the loop state
 * ({@code state.json}, the commit point: a kill at any moment leaves a state whose files exist).
 * Written when {@code trainer.checkpoint_minutes} have passed since the last one, checked after
 * every batch and epoch ({@code 0}: after every epoch), and once at the end.
 */
final class CheckpointListener implements TrainingListener {
  private static final Logger LOG = LoggerFactory.getLogger(FoldTrainer.class);
  static final String BEST = "best.params";

  private final Path dir;
  private final long intervalNanos;
  private long last = System.nanoTime();

  CheckpointListener(Path dir, double minutes) {
    this.dir = dir;
    this.intervalNanos = (long) (minutes * 60e9);
  }

  private boolean due() {
    return System.nanoTime() - last >= intervalNanos;
  }

  @Override
  public void onBatchEnd(TrainingLoop loop) throws IOException {
    if (intervalNanos > 0 && loop.batch() < loop.batches() && due()) {
      write(loop);
    }
  }

  @Override
  public void onEpochEnd(TrainingLoop loop, EpochRecord record) throws IOException {
    if (intervalNanos == 0 || due()) {
      write(loop);
    }
  }

  @Override
  public void onTrainingEnd(TrainingLoop loop) throws IOException {
    write(loop);
  }

  /** Writes a checkpoint of the loop as it is now. */
  void write(TrainingLoop loop) throws IOException {
    TrainState state = loop.snapshot();
    String name = name(state);
    Path params = dir.resolve(name + ".params");
    AtomicFiles.write(params, FoldTrainer.params(loop.block()));
    AtomicFiles.write(dir.resolve(name + ".opt"), loop.optimizer().save(loop.block()));
    if (loop.bestDirty() && loop.bestParams() != null) {
      AtomicFiles.write(dir.resolve(BEST), loop.bestParams());
      loop.bestWritten();
    }
    state.save(dir);
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith("last-") && !n.startsWith(name + ".")) {
          Files.deleteIfExists(p);
        }
      }
    }
    last = System.nanoTime();
  }

  /** The parameter file of a saved state. */
  static Path paramsFile(Path dir, TrainState state) {
    return dir.resolve(name(state) + ".params");
  }

  static String name(TrainState state) {
    return String.format(Locale.ROOT, "last-e%04d-b%06d", state.epoch(), state.batchesDone());
  }

  /**
   * Restores the loop and the optimizer from the folder's checkpoint, if there is one. The
   * parameters ({@link #paramsFile}) must be loaded before the trainer exists: DJL's
   * {@code Trainer.initialize} binds the parameter arrays, and arrays loaded later would be
   * replaced behind the optimizer's back (the trainer would train a copy validation never sees).
   *
   * @return the saved state, or empty for a fresh start
   */
  static Optional<TrainState> restore(Path dir, TrainingLoop loop, NDManager params) throws IOException {
    return restore(dir, TrainState.load(dir), loop, params);
  }

  /** As {@link #restore(Path, TrainingLoop, NDManager)} with the folder's state already read. */
  static Optional<TrainState> restore(Path dir, Optional<TrainState> saved, TrainingLoop loop, NDManager params)
      throws IOException {
    if (saved.isEmpty()) {
      return saved;
    }
    TrainState state = saved.get();
    String name = name(state);
    loop.restore(state);
    Path best = dir.resolve(BEST);
    if (Files.exists(best)) {
      loop.setBestParams(Files.readAllBytes(best));
    }
    Path opt = dir.resolve(name + ".opt");
    if (Files.exists(opt)) {
      loop.optimizer().load(loop.block(), params, Files.readAllBytes(opt));
    } else {
      LOG.warn("{}: the checkpoint {} has no optimizer state; the optimizer restarts its moments.",
          loop.job().name(), dir.resolve(name + ".params"));
    }
    return saved;
  }
}
