package smap.analytics.demo;

import ch.qos.logback.classic.Level;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import smap.analytics.bootstrap.Main;
import smap.analytics.bootstrap.config.ConfigurationException;
import smap.analytics.bootstrap.config.ServiceSettings;

/**
 * Entry point of the demo jar: {@code demo} (the whole system on embedded servers, or on the
 * configured ones with {@code --external}) and {@code crawler} (a simulated crawler for compose);
 * every other command is the production jar's.
 */
public final class DemoMain {

  /** The commands this jar adds to the production jar's. */
  public static final List<String> COMMANDS = List.of("demo", "crawler");

  private DemoMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && !COMMANDS.contains(args[0])) {
      Main.main(args);
      return;
    }
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(usage());
      return Main.EXIT_USAGE;
    }
    List<String> options = Arrays.asList(args).subList(1, args.length);
    System.setProperty("smap.log.format", "text");
    quiet("org.apache.qpid", "qpid", "io.zonky", "org.postgresql");
    try {
      if (args[0].equals("demo")) {
        for (String option : options) {
          if (!List.of("--external", "--once").contains(option)) {
            err.println("smap-analytics demo: unknown option '" + option + "'\n" + usage());
            return Main.EXIT_USAGE;
          }
        }
        Demo.run(
            env,
            out,
            new Demo.Options(options.contains("--external"), options.contains("--once")),
            report -> {});
        return 0;
      }
      Crawler.Options crawler;
      try {
        crawler = Crawler.Options.parse(options);
      } catch (IllegalArgumentException e) {
        err.println("smap-analytics crawler: " + e.getMessage() + "\n" + usage());
        return Main.EXIT_USAGE;
      }
      Crawler.run(ServiceSettings.fromEnvironment(env), out, crawler);
      return 0;
    } catch (ConfigurationException e) {
      err.println("smap-analytics: configuration error: " + e.getMessage());
      return Main.EXIT_CONFIG;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.EXIT_FAILURE;
    } catch (RuntimeException e) {
      err.println("smap-analytics " + args[0] + " failed: " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
  }

  static String usage() {
    return """
        Usage: java -jar smap-analytics-demo.jar <command>

          demo [--once] [--external]
                    The whole system on this machine with only a JDK: embedded PostgreSQL, an
                    embedded AMQP broker and an in-process S3 server (data in a temporary
                    directory removed at exit; DATABASE_URL, RABBITMQ_URL and MINIO_* are
                    ignored), the service with its console, and a simulated crawler. Prints
                    what was processed. --once: exit after the report. --external: use the
                    configured PostgreSQL, RabbitMQ and S3 instead.
          crawler [--every SECONDS] [--rounds N]
                    A simulated crawler against the configured RabbitMQ and S3: uploads a
                    TikTok and a YouTube batch and publishes their events every SECONDS
                    (default 15), N times (default: until stopped); prints the results the
                    Collector would receive.
          any other command is the production jar's (consume, serve, console, migrate, --help).
        """;
  }

  private static void quiet(String... loggers) {
    for (String name : loggers) {
      if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
        logger.setLevel(Level.WARN);
      }
    }
  }
}
