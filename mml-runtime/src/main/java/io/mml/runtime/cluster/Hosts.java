package io.mml.runtime.cluster;

import java.net.InetAddress;

/** The name of this host, for markers and messages. */
final class Hosts {
  private Hosts() {}

  static String name() {
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
