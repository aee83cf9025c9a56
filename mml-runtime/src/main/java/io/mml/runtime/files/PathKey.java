package io.mml.runtime.files;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A registered kind of artifact and where its files go: {@code <proj>/<folder>/[<task>/]<stem>[_NNNN].<ext>}
 * (or under the run folder for {@link Root#RUN} keys such as {@code temp}).
 *
 * @param key unique lower snake case name used by steps, {@code reuse} and {@code remove}
 * @param folder folder under the project (or run) folder; first segment UPPER_CASE, e.g. {@code PARAMETERS}
 *     or {@code PLOTS/sample_grid}
 * @param fileName default file name including its extension, e.g. {@code model.params}
 * @param perTask whether paths get a {@code <task>/} level (a task name is then required)
 * @param numbered whether file names get a {@code _NNNN} suffix (never overwrite earlier files)
 * @param reusable whether later projects may load these files via {@code reuse}
 * @param root whether the folder lives under the project or under the run folder
 */
public record PathKey(String key, String folder, String fileName, boolean perTask, boolean numbered,
    boolean reusable, Root root) {

  /** Where a key's folder lives. */
  public enum Root {
    /** {@code <resultsRoot>/<project>/<folder>}: survives the run. */
    PROJECT,
    /** {@code <runDir>/<folder>}: belongs to one run (e.g. {@code TEMP}). */
    RUN
  }

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  private static final Pattern FIRST_SEGMENT = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_]*");
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  /** Keys the framework uses itself for run-local folders. */
  static final List<String> RESERVED_KEYS = List.of("checkpoints");

  /** Validates every component; the message names the key and the rule. */
  public PathKey {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("Path key '" + key + "' must be lower snake case ([a-z][a-z0-9_]*, e.g. 'fc_tuned')");
    }
    if (RESERVED_KEYS.contains(key)) {
      throw new IllegalArgumentException("Path key '" + key + "' is reserved by the framework; choose another name");
    }
    String where = "Path key '" + key + "': ";
    if (folder == null || folder.isEmpty()) {
      throw new IllegalArgumentException(where + "folder must not be empty");
    }
    String[] segments = folder.split("/", -1);
    if (!FIRST_SEGMENT.matcher(segments[0]).matches()) {
      throw new IllegalArgumentException(where + "folder '" + folder
          + "' must start with an UPPER_CASE folder name (e.g. 'PARAMETERS'), '/'-separated, no '..'");
    }
    for (int i = 1; i < segments.length; i++) {
      if (!SEGMENT.matcher(segments[i]).matches()) {
        throw new IllegalArgumentException(where + "folder '" + folder + "' has an invalid segment '" + segments[i]
            + "' (letters, digits and '_' only; no '..', no empty segments)");
      }
    }
    if (fileName == null || !FILE_NAME.matcher(fileName).matches() || fileName.contains("..")) {
      throw new IllegalArgumentException(where + "file name '" + fileName
          + "' must be a plain file name (letters, digits, '_', '-', '.'; no '/', '#', ':' or '..')");
    }
    int dot = fileName.lastIndexOf('.');
    if (dot <= 0 || dot == fileName.length() - 1) {
      throw new IllegalArgumentException(where + "file name '" + fileName + "' needs a stem and an extension, e.g. 'model.params'");
    }
    if (root == null) {
      throw new IllegalArgumentException(where + "root must not be null");
    }
    if (reusable && root == Root.RUN) {
      throw new IllegalArgumentException(where + "run-local files cannot be reusable (they belong to one run)");
    }
  }

  /**
   * Starts a key: {@code PathKey.builder("channel_stats").file("stats.json").perTask().numbered().reusable().build()}.
   * Unless given, the folder is the key in upper case ({@code CHANNEL_STATS}) under the project, and
   * files are shared by all tasks, not numbered and not reusable.
   */
  public static Builder builder(String key) {
    return new Builder(key);
  }

  /** Builds a {@link PathKey}; every rule is checked by {@link #build()} (the record's constructor). */
  public static final class Builder {
    private final String key;
    private String folder;
    private String fileName;
    private boolean perTask;
    private boolean numbered;
    private boolean reusable;
    private Root root = Root.PROJECT;

    private Builder(String key) {
      this.key = key;
    }

    /** The folder under the project (or run) folder, e.g. {@code PARAMETERS} or {@code PLOTS/sample_grid}. */
    public Builder folder(String folder) {
      this.folder = folder;
      return this;
    }

    /** The default file name with its extension, e.g. {@code model.params}. */
    public Builder file(String fileName) {
      this.fileName = fileName;
      return this;
    }

    /** Paths get a {@code <task>/} level; claiming one then needs a task name. */
    public Builder perTask() {
      this.perTask = true;
      return this;
    }

    /** File names get a {@code _NNNN} suffix: a claim never overwrites an earlier file. */
    public Builder numbered() {
      this.numbered = true;
      return this;
    }

    /** Later projects may load these files via {@code reuse.<key>=<project>}. */
    public Builder reusable() {
      this.reusable = true;
      return this;
    }

    /** The folder lives under the run folder and belongs to one run (never reusable). */
    public Builder runLocal() {
      this.root = Root.RUN;
      return this;
    }

    public PathKey build() {
      String f = folder != null ? folder : key == null ? null : key.toUpperCase(java.util.Locale.ROOT);
      return new PathKey(key, f, fileName, perTask, numbered, reusable, root);
    }
  }

  /** The built-in keys, as in mml's default assignments. */
  public static List<PathKey> builtIns() {
    return List.of(
        PathKey.builder("parameters").file("model.params").perTask().numbered().reusable().build(),
        PathKey.builder("img_examples").file("examples.png").perTask().numbered().build(),
        PathKey.builder("blueprint").folder("BLUEPRINTS").file("blueprint.yaml").perTask().numbered().reusable().build(),
        PathKey.builder("pipeline").folder("PIPELINES").file("pipeline.yaml").perTask().numbered().reusable().build(),
        PathKey.builder("models").file("model.json").perTask().numbered().reusable().build(),
        PathKey.builder("onnx").file("model.onnx").perTask().numbered().reusable().build(),
        PathKey.builder("training_metrics").folder("TRAINING").file("metrics.csv").perTask().numbered().build(),
        PathKey.builder("training_curves").folder("TRAINING").file("curves.png").perTask().numbered().build(),
        PathKey.builder("predictions").file("predictions.json").perTask().numbered().build(),
        PathKey.builder("sample_grid").folder("PLOTS/sample_grid").file("grid.png").numbered().build(),
        PathKey.builder("backup").file("backup.bin").numbered().build(),
        PathKey.builder("temp").file("temp.bin").numbered().runLocal().build());
  }

  /** The default file name's stem ({@code model} of {@code model.params}). */
  public String stem() {
    return fileName.substring(0, fileName.lastIndexOf('.'));
  }
}
