package smap.analytics.bootstrap;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** Test access to the command line from other test packages. */
public final class MainAccess {

  private MainAccess() {}

  /** Runs a command with no environment, reading {@code in}. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return Main.run(args, Map.of(), in, out, err);
  }
}
