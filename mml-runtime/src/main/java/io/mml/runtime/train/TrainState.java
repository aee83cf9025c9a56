package io.mml.runtime.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resumable state of one training, saved next to its parameter checkpoint: where it stopped
 * (epoch and batches done), the learning rate, the best monitored value and the history so far.
 *
 * @param epoch the epoch in progress (0-based)
 * @param batchesDone batches of that epoch already trained
 * @param lr the current learning rate
 * @param bestValue the best monitored value so far (NaN before the first validation)
 * @param bestEpoch the epoch of the best value (-1 before)
 * @param badEpochs epochs since the monitored value last improved
 * @param trainLossSum sum of batch losses of the epoch in progress
 * @param history finished epochs
 */
public record TrainState(int epoch, int batchesDone, double lr, double bestValue, int bestEpoch, int badEpochs,
    double trainLossSum, List<EpochRecord> history) {
  static final String FILE = "state.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public TrainState {
    history = List.copyOf(history);
  }

  /** The state before the first batch. */
  public static TrainState start(double lr) {
    return new TrainState(0, 0, lr, Double.NaN, -1, 0, 0, List.of());
  }

  /** Saves the state atomically. */
  public void save(Path dir) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("epoch", epoch);
    n.put("batches_done", batchesDone);
    n.put("lr", lr);
    n.put("best_value", bestValue);
    n.put("best_epoch", bestEpoch);
    n.put("bad_epochs", badEpochs);
    n.put("train_loss_sum", trainLossSum);
    ArrayNode h = n.putArray("history");
    for (EpochRecord r : history) {
      ObjectNode e = h.addObject();
      e.put("epoch", r.epoch());
      e.put("lr", r.lr());
      e.put("train_loss", r.trainLoss());
      e.put("val_loss", r.valLoss());
      e.put("seconds", r.seconds());
      ObjectNode m = e.putObject("metrics");
      r.metrics().forEach(m::put);
    }
    AtomicFiles.write(dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
  }

  /** The saved state of a checkpoint folder, if there is one. */
  public static Optional<TrainState> load(Path dir) throws IOException {
    Path f = dir.resolve(FILE);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    JsonNode n = JSON.readTree(f.toFile());
    List<EpochRecord> history = new ArrayList<>();
    for (JsonNode e : n.path("history")) {
      Map<String, Double> m = new LinkedHashMap<>();
      e.path("metrics").fields().forEachRemaining(x -> m.put(x.getKey(), x.getValue().asDouble()));
      history.add(new EpochRecord(e.get("epoch").asInt(), e.get("lr").asDouble(), e.get("train_loss").asDouble(),
          e.get("val_loss").asDouble(), m, e.get("seconds").asDouble()));
    }
    return Optional.of(new TrainState(n.get("epoch").asInt(), n.get("batches_done").asInt(), n.get("lr").asDouble(),
        n.get("best_value").asDouble(), n.get("best_epoch").asInt(), n.get("bad_epochs").asInt(),
        n.get("train_loss_sum").asDouble(), history));
  }
}
