package io.mml.runtime.run;

import java.net.InetAddress;

/** The name of this host, for markers and messages. */
public final class Hosts {
  private Hosts() {}

  /** The Slurm node name when running as a job, else the host name. */
  public static String name() {
    String env = System.getenv("SLURMD_NODENAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      String h = System.getenv("HOSTNAME");
      return h == null ? "unknown" : h;
    }
  }
}
