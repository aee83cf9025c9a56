package io.mml.runtime.post;

import io.mml.runtime.data.DataSplit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Calibrates one model: fits a {@link Calibrator} on its validation predictions, applies the map
 * and the {@link PriorShift} to the target prior to every split, and measures each labelled split
 * before and after ({@link CalibrationMetrics}). No files: the mode reads and writes them.
 */
public final class ModelCalibration {
  private ModelCalibration() {}

  /**
   * One model's calibration.
   *
   * @param map the fitted map
   * @param shift the prior shift applied after the map
   * @param calibrated per split, the calibrated predictions
   * @param before per labelled split, the metrics of the model's own probabilities
   * @param after per labelled split, the metrics of the calibrated probabilities
   */
  public record Result(CalibrationMap map, PriorShift shift, Map<DataSplit, ClassPredictions> calibrated,
      Map<DataSplit, CalibrationMetrics> before, Map<DataSplit, CalibrationMetrics> after) {
    public Result {
      calibrated = Collections.unmodifiableMap(new EnumMap<>(calibrated));
      before = Collections.unmodifiableMap(new EnumMap<>(before));
      after = Collections.unmodifiableMap(new EnumMap<>(after));
    }
  }

  /**
   * Calibrates with the validation split of {@code splits} (required, labelled); the other splits
   * (test, unlabelled) are optional.
   */
  public static Result calibrate(Calibrator calibrator, PriorOption prior, Map<DataSplit, ClassPredictions> splits) {
    ClassPredictions val = splits.get(DataSplit.VAL);
    if (val == null || !val.labelled()) {
      throw new IllegalArgumentException("calibration needs labelled validation predictions");
    }
    CalibrationMap map = calibrator.fit(val.logits(), val.labels());
    PriorShift shift = new PriorShift(val.labelPrior(), prior.target(val, splits.get(DataSplit.TEST)));
    Map<DataSplit, ClassPredictions> calibrated = new EnumMap<>(DataSplit.class);
    Map<DataSplit, CalibrationMetrics> before = new EnumMap<>(DataSplit.class);
    Map<DataSplit, CalibrationMetrics> after = new EnumMap<>(DataSplit.class);
    for (Map.Entry<DataSplit, ClassPredictions> e : new EnumMap<>(splits).entrySet()) {
      ClassPredictions original = e.getValue();
      ClassPredictions c = original.withLogits(shift.apply(map.apply(original.logits())));
      calibrated.put(e.getKey(), c);
      if (original.labelled()) {
        before.put(e.getKey(), CalibrationMetrics.of(original));
        after.put(e.getKey(), CalibrationMetrics.of(c));
      }
    }
    return new Result(map, shift, calibrated, before, after);
  }
}
