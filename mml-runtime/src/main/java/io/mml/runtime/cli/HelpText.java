package io.mml.runtime.cli;

import io.mml.runtime.config.ConfigComposer;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.ConfigFile;
import io.mml.runtime.config.ConfigSources;
import io.mml.runtime.config.DefaultEntry;
import io.mml.runtime.scheduler.ModeRegistry;
import io.mml.runtime.scheduler.ParamInfo;
import io.mml.runtime.scheduler.Routine;
import io.mml.runtime.scheduler.StepKind;
import io.mml.runtime.scheduler.SubroutineInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text of {@code mml --help}: usage, modes (all, or one in detail) and config groups. */
final class HelpText {
  private HelpText() {}

  static final String USAGE = "Usage: mml [<mode>] [group=option ...] [key.path=value ...] [+new.key=value ...]"
      + " [~key ...] [--cfg] [--config-dir <dir>] [--help] [--version]";

  static String render(ModeRegistry registry, ConfigSources sources, String mode) {
    StringBuilder sb = new StringBuilder();
    if (mode == null) {
      sb.append(USAGE).append("\n\n");
      sb.append("Runs a mode (default: info) on the composed configuration. Options:\n");
      sb.append("  -h, --help            this help; with a mode, that mode in detail\n");
      sb.append("  --cfg                 print the composed configuration as YAML and exit\n");
      sb.append("  --config-dir <dir>    also read <dir>/<group>/<option>.yaml (after $MML_CONFIGS_PATH)\n");
      sb.append("  --version             print the version and exit\n\n");
      List<Routine<?>> all = registry.all();
      sb.append("Modes (mml <mode>):\n");
      if (all.isEmpty()) {
        sb.append("  (none registered: put io.mml:mml-processor on the annotationProcessorPaths and rebuild)\n");
      }
      for (Routine<?> r : all) {
        sb.append("  ").append(r.modeId());
        if (!r.description().isBlank()) {
          sb.append(" - ").append(r.description());
        }
        sb.append('\n');
        subroutines(sb, r, "    ");
        params(sb, r, "    ");
      }
    } else {
      Routine<?> r = registry.get(mode);
      sb.append(USAGE.replace("[<mode>]", mode)).append("\n\n");
      sb.append("Mode ").append(r.modeId());
      if (!r.description().isBlank()) {
        sb.append(": ").append(r.description());
      }
      sb.append("\n  scheduler: ").append(r.schedulerType().getName()).append('\n');
      List<String> modeDefaults = modeDefaults(sources, mode);
      if (!modeDefaults.isEmpty()) {
        sb.append("  config defaults: ").append(String.join(", ", modeDefaults)).append('\n');
      }
      subroutines(sb, r, "  ");
      params(sb, r, "  ");
    }
    sb.append('\n');
    groups(sb, sources);
    return sb.toString();
  }

  private static void subroutines(StringBuilder sb, Routine<?> r, String indent) {
    List<SubroutineInfo> subs = r.subroutines();
    if (subs.isEmpty()) {
      return;
    }
    sb.append(indent).append("subroutines, in run order (choose with mode.subroutines=[...]):\n");
    List<String[]> rows = new ArrayList<>();
    for (SubroutineInfo s : subs) {
      rows.add(new String[] {s.name(), kind(s.kind()), "(" + s.method() + ")"});
    }
    table(sb, indent + "  ", rows);
  }

  private static void params(StringBuilder sb, Routine<?> r, String indent) {
    List<ParamInfo> ps = r.params();
    if (ps.isEmpty()) {
      return;
    }
    sb.append(indent).append("parameters (set with mode.<key>=value):\n");
    List<String[]> rows = new ArrayList<>();
    for (ParamInfo p : ps) {
      rows.add(new String[] {"mode." + p.key(), p.type(), "default: " + p.defaultValue(), p.doc() == null ? "" : p.doc()});
    }
    table(sb, indent + "  ", rows);
  }

  private static void groups(StringBuilder sb, ConfigSources sources) {
    Map<String, String> rootDefaults = new HashMap<>();
    try {
      for (DefaultEntry d : sources.root().defaults()) {
        if (!d.isSelf()) {
          rootDefaults.put(d.group(), d.option());
        }
      }
    } catch (ConfigException e) {
      // The help still lists the groups when the root config is broken; composing will report it.
    }
    sb.append("Config groups (choose with group=option; * marks the default):\n");
    List<String[]> rows = new ArrayList<>();
    for (String g : sources.groups()) {
      List<String> opts = new ArrayList<>();
      for (String o : sources.options(g)) {
        opts.add(o.equals(rootDefaults.get(g)) ? o + "*" : o);
      }
      rows.add(new String[] {g, String.join(", ", opts)});
    }
    table(sb, "  ", rows);
  }

  private static List<String> modeDefaults(ConfigSources sources, String mode) {
    List<String> out = new ArrayList<>();
    if (!sources.hasOption(ConfigComposer.MODE_GROUP, mode)) {
      return out;
    }
    ConfigFile f = sources.option(ConfigComposer.MODE_GROUP, mode, null);
    for (DefaultEntry d : f.defaults()) {
      if (!d.isSelf()) {
        out.add(d.group() + "=" + d.option());
      }
    }
    return out;
  }

  static String kind(StepKind k) {
    return switch (k) {
      case ONCE -> "once";
      case PER_TASK -> "per task";
      case PIVOT -> "pivot task only";
      case PER_FOLD -> "per task and fold";
      case PIVOT_PER_FOLD -> "pivot task, per fold";
      default -> k.name().toLowerCase(Locale.ROOT);
    };
  }

  /** Left-aligned columns separated by two spaces; the last column is not padded. */
  private static void table(StringBuilder sb, String indent, List<String[]> rows) {
    int cols = 0;
    for (String[] r : rows) {
      cols = Math.max(cols, r.length);
    }
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < r.length; i++) {
        line.append(r[i]);
        if (i < r.length - 1) {
          line.append(" ".repeat(width[i] - r[i].length() + 2));
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
