package smap.analytics.bootstrap;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import smap.analytics.bootstrap.config.ConfigurationException;
import smap.analytics.bootstrap.config.ServiceSettings;
import smap.analytics.bootstrap.config.Setting;

/** Entry point: parses the command, reads the settings once, and runs the chosen mode. */
public final class Main {

  public static final int EXIT_USAGE = 64;
  public static final int EXIT_CONFIG = 78;
  public static final int EXIT_FAILURE = 1;

  /** Commands of the demo jar (module demo), named here only to point there. */
  private static final List<String> DEMO_COMMANDS = List.of("demo", "crawler");

  private Main() {}

  /** The command names of this jar, as typed on the command line (for the deployment checks). */
  public static List<String> commands() {
    return Arrays.stream(Command.values()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
  }

  public static void main(String[] args) {
    int code = run(args, System.getenv(), System.in, System.out, System.err);
    if (code != Integer.MIN_VALUE) {
      System.exit(code);
    }
  }

  /**
   * Runs a command. Returns the exit code, or {@link Integer#MIN_VALUE} when a long-running mode
   * was started and ended by a shutdown signal.
   */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return run(args, env, System.in, out, err);
  }

  /** Runs a command that may read standard input ({@code user add}). */
  static int run(
      String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    if (args.length == 0 || Arrays.asList("--help", "-h", "help").contains(args[0])) {
      out.print(help());
      return args.length == 0 ? EXIT_USAGE : 0;
    }
    if (DEMO_COMMANDS.contains(args[0])) {
      err.println(
          "smap-analytics: '"
              + args[0]
              + "' is in the demo jar, not in this production jar: run bin/smap-analytics "
              + args[0]
              + " (or java -jar demo/target/smap-analytics-demo.jar "
              + args[0]
              + ")");
      return EXIT_USAGE;
    }
    Command command;
    try {
      command = Command.valueOf(args[0].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      err.println("smap-analytics: unknown command '" + args[0] + "'; try --help");
      return EXIT_USAGE;
    }
    if (command == Command.USER) {
      // Needs no settings: it only hashes a password.
      return UserCommand.run(
          Arrays.asList(args).subList(1, args.length),
          in,
          in == System.in ? UserCommand.terminal() : null,
          out,
          err);
    }
    ServiceSettings settings;
    try {
      settings = ServiceSettings.fromEnvironment(env);
    } catch (ConfigurationException e) {
      err.println("smap-analytics: configuration error: " + e.getMessage());
      return EXIT_CONFIG;
    }
    Logging.configure(settings.logFormat(), settings.logLevel());
    try {
      switch (command) {
        case MIGRATE -> {
          boolean dryRun = Arrays.asList(args).contains("--dry-run");
          out.println(
              "smap-analytics: "
                  + (dryRun
                      ? ServiceRuntime.migrateDryRun(settings)
                      : ServiceRuntime.migrate(settings)));
          return 0;
        }
        case CONSUME, SERVE, CONSOLE -> {
          ServiceRuntime runtime = ServiceRuntime.start(settings, command.mode());
          CountDownLatch stopped = new CountDownLatch(1);
          Runtime.getRuntime()
              .addShutdownHook(
                  new Thread(
                      () -> {
                        runtime.close();
                        stopped.countDown();
                        out.println("smap-analytics: stopped");
                        out.flush();
                        err.flush();
                        // SIGTERM is a normal stop: exit 0 once everything is drained and closed.
                        Runtime.getRuntime().halt(0);
                      },
                      "shutdown"));
          out.println(
              "smap-analytics: "
                  + command.name().toLowerCase(Locale.ROOT)
                  + " running; http://127.0.0.1:"
                  + runtime.httpPort()
                  + (command == Command.CONSUME ? "/readyz" : "/"));
          stopped.await();
          return Integer.MIN_VALUE;
        }
      }
    } catch (ConfigurationException e) {
      err.println("smap-analytics: configuration error: " + e.getMessage());
      return EXIT_CONFIG;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return EXIT_FAILURE;
    } catch (RuntimeException e) {
      err.println(
          "smap-analytics: "
              + command.name().toLowerCase(Locale.ROOT)
              + " failed: "
              + e.getMessage());
      return EXIT_FAILURE;
    }
    return EXIT_FAILURE;
  }

  /** The commands of the jar. */
  enum Command {
    CONSUME("Headless consumer for production: the pipeline plus /healthz, /readyz, /metrics."),
    SERVE("The consumer plus the operator console on HTTP_PORT."),
    CONSOLE("The operator console (and replays) without consuming the queues."),
    MIGRATE(
        "Apply the database migrations and exit (--dry-run: list the pending ones, apply"
            + " nothing). Back up the database first."),
    USER(
        "user add NAME --role viewer|operator: read a password (prompt, or stdin) and print"
            + " the CONSOLE_USERS entry.");

    private final String description;

    Command(String description) {
      this.description = description;
    }

    ServiceRuntime.Mode mode() {
      return switch (this) {
        case CONSUME -> ServiceRuntime.Mode.HEADLESS;
        case SERVE -> ServiceRuntime.Mode.SERVE;
        case CONSOLE -> ServiceRuntime.Mode.CONSOLE_ONLY;
        case MIGRATE, USER -> throw new IllegalStateException(name() + " has no runtime mode");
      };
    }
  }

  static String help() {
    StringBuilder text = new StringBuilder();
    text.append("smap-analytics: turns crawled social-media batches into analytics.\n\n");
    text.append("Usage: java -jar smap-analytics.jar <command>\n\nCommands:\n");
    for (Command command : Command.values()) {
      text.append(
          String.format(
              "  %-9s %s%n", command.name().toLowerCase(Locale.ROOT), command.description));
    }
    text.append("\nSettings (environment variables, default in brackets):\n");
    for (Setting setting : Setting.values()) {
      text.append(
          String.format(
              "  %-28s %s [%s]%n",
              setting.name(),
              setting.description(),
              setting.name().contains("PASSWORD") || setting.name().contains("SECRET")
                  ? (setting.defaultValue().isEmpty() ? "" : "***")
                  : setting.defaultValue()));
    }
    AnalysisSettingsHelp.append(text);
    return text.toString();
  }
}
