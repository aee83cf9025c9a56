package io.mml.runtime.sweep;

import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigComposer;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.ConfigOverride;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code use_best_params=<sweep>}: a run composed with the best trial's parameters of a sweep of the
 * project ({@code latest} or the sweep's folder name). They go before the command line's
 * overrides, so an explicit override of the same key wins.
 */
public final class BestParams {
  /** The config key. */
  public static final String KEY = "use_best_params";
  private static final Logger LOG = LoggerFactory.getLogger(BestParams.class);
  /** The keys that locate the project: all a probe composition needs. */
  private static final Set<String> PROJECT_KEYS = Set.of("proj", "out_dir", "proj_path", "sys", KEY);

  private BestParams() {}

  /**
   * The overrides with the best trial's prepended, when they set {@value #KEY}; otherwise unchanged.
   *
   * @throws ConfigException when the sweep does not exist or has no finished trial with a value
   */
  public static List<String> expand(ConfigComposer composer, String mode, List<String> overrides) {
    String which = null;
    List<String> probeOverrides = new ArrayList<>();
    for (String o : overrides) {
      Optional<ConfigOverride> p = ConfigOverride.tryParse(o);
      if (p.isEmpty() || !PROJECT_KEYS.contains(p.get().key())) {
        continue;
      }
      probeOverrides.add(o);
      if (p.get().key().equals(KEY)) {
        which = p.get().value();
      }
    }
    if (which == null || which.isBlank() || which.equals("null") || which.equals("false")) {
      return overrides;
    }
    Config probe = composer.compose(mode, probeOverrides).config();
    Path project = Path.of(probe.getString("out_dir")).toAbsolutePath().normalize().resolve(probe.getString("proj"));
    String named = which;
    SweepFolder sweep = SweepFolder.resolve(project, named, KEY);
    SweepFolder.TrialState best = sweep.best().orElseThrow(() -> new ConfigException(KEY, "Sweep " + sweep.name()
        + " has no finished trial with a return value yet, so it has no best parameters (" + KEY + "=" + named
        + "). Continue it first (continue=" + sweep.name() + " with its command), or pick another sweep."));
    List<String> out = new ArrayList<>(TrialJournal.overrides(best.params()));
    if (!sweep.mode().equals(mode)) {
      LOG.warn("{}={}: sweep {} ran mode '{}', this command runs '{}'; its parameters are applied all the same.", KEY,
          which, sweep.name(), sweep.mode(), mode);
    }
    LOG.info("{}={}: trial {} of sweep {} (return value {}): {} (explicit overrides win).", KEY, which, best.number(),
        sweep.name(), SweepFolder.format(best.value()), String.join(" ", out));
    out.addAll(overrides);
    return out;
  }
}
