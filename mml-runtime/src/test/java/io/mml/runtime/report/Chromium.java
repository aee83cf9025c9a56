package io.mml.runtime.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Headless Debian chromium for browser tests: the rendered DOM, its console log, screenshots. */
public final class Chromium {
  /** How to install it where it is missing (what .ci/run does). */
  public static final String INSTALL = "apt-get install -y chromium";

  private final Path binary;
  private final Path profile;

  private Chromium(Path binary, Path profile) {
    this.binary = binary;
    this.profile = profile;
  }

  /**
   * The rendered page.
   *
   * @param dom the DOM after the page's scripts ran ({@code --dump-dom})
   * @param log chromium's log on stderr, console messages included
   */
  public record Page(String dom, String log) {
    /** Console lines that report a script error. */
    public List<String> consoleErrors() {
      return log.lines().filter(l -> l.contains("CONSOLE") && (l.contains("Uncaught") || l.contains("Error")
          || l.contains(":ERROR:"))).toList();
    }
  }

  /** The chromium on the PATH ({@code chromium}, {@code chromium-browser}), or empty. */
  public static Optional<Chromium> find(Path profile) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(new Chromium(p, profile));
        }
      }
    }
    return Optional.empty();
  }

  /** Loads {@code html} and returns the DOM its scripts left, with the console log. */
  public Page dumpDom(Path html) throws IOException, InterruptedException {
    Path out = Files.createTempFile(profile.getParent(), "dom", ".html");
    Path err = Files.createTempFile(profile.getParent(), "chromium", ".log");
    run(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", html.toUri().toString()), out, err);
    return new Page(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Saves a PNG screenshot of {@code html} at 1280 x {@code height}. */
  public void screenshot(Path html, Path png, int height) throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Path log = Files.createTempFile(profile.getParent(), "chromium", ".log");
    run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1280," + height, "--hide-scrollbars",
        html.toUri().toString()), log, log);
  }

  private void run(List<String> args, Path out, Path err) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--user-data-dir=" + profile));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish within 3 minutes: " + cmd);
    }
    if (p.exitValue() != 0) {
      throw new IOException("chromium exited with " + p.exitValue() + ": " + cmd + "\n" + Files.readString(err));
    }
  }
}
