package smap.analytics.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;

/**
 * An AMQP 0-9-1 broker in this process (Apache Qpid Broker-J, in-memory store), for the demo. It
 * serves exchanges, queues, bindings, acks, publisher confirms and mandatory returns, but none of
 * RabbitMQ's queue arguments (dead-letter exchange, quorum queues, delivery limits).
 */
final class EmbeddedAmqpBroker implements AutoCloseable {

  private final SystemLauncher launcher;
  private final int port;

  private EmbeddedAmqpBroker(SystemLauncher launcher, int port) {
    this.launcher = launcher;
    this.port = port;
  }

  /** Starts a broker on a free port of 127.0.0.1, keeping its files under {@code workDir}. */
  static EmbeddedAmqpBroker start(Path workDir) {
    int port = freePort();
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("type", "Memory");
    attributes.put(
        "initialConfigurationLocation",
        EmbeddedAmqpBroker.class.getResource("/embedded-broker.json").toExternalForm());
    attributes.put("startupLoggedToSystemOut", false);
    attributes.put(
        "context",
        Map.of(
            "qpid.amqp_port", Integer.toString(port),
            "qpid.work_dir", workDir.toString(),
            "qpid.home_dir", workDir.toString()));
    SystemLauncher launcher = new SystemLauncher();
    try {
      launcher.startup(attributes);
    } catch (Exception e) {
      launcher.shutdown();
      throw new IllegalStateException("the embedded AMQP broker did not start: " + e, e);
    }
    return new EmbeddedAmqpBroker(launcher, port);
  }

  /** The AMQP URL of the broker's default virtual host, with its one user guest/guest. */
  String url() {
    return "amqp://guest:guest@127.0.0.1:" + port + "/%2F";
  }

  @Override
  public void close() {
    launcher.shutdown();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free local port: " + e.getMessage(), e);
    }
  }
}
