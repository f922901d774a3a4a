package smap.analytics.bootstrap.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy for fault tests (NIO channels, one virtual thread per direction): the service talks
 * to the shared server through it, and the test cuts it (every connection closed, new ones closed
 * at once) and restores it, so the shared server itself is never stopped, or makes the server's
 * answers trickle.
 */
final class TcpProxy implements AutoCloseable {

  private final ServerSocketChannel server;
  private final InetSocketAddress target;
  private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
  private volatile boolean cut;
  // Answers (server to client) trickle: this many bytes, then a pause; 0 passes them at once.
  private volatile int trickleBytes;
  private volatile long tricklePauseMillis;
  private volatile boolean closed;

  TcpProxy(int targetPort) throws IOException {
    this.target = new InetSocketAddress("127.0.0.1", targetPort);
    this.server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    Thread.ofVirtual().name("proxy-accept-" + targetPort).start(this::accept);
  }

  int port() {
    return server.socket().getLocalPort();
  }

  /** Closes every connection and refuses new ones until {@link #restore}. */
  void cut() {
    cut = true;
    for (SocketChannel channel : open) {
      closeQuietly(channel);
    }
    open.clear();
  }

  void restore() {
    cut = false;
  }

  /**
   * Makes the server's answers trickle through every connection, open or new: {@code bytes} at a
   * time, {@code pause} between, so a client's read timeout never fires yet a read takes long.
   */
  void trickle(int bytes, java.time.Duration pause) {
    tricklePauseMillis = pause.toMillis();
    trickleBytes = bytes;
  }

  /** Lets answers through at full speed again. */
  void flow() {
    trickleBytes = 0;
  }

  private void accept() {
    while (!closed) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (cut) {
        closeQuietly(client);
        continue;
      }
      try {
        SocketChannel upstream = SocketChannel.open(target);
        open.add(client);
        open.add(upstream);
        Thread.ofVirtual().start(() -> pump(client, upstream, false));
        Thread.ofVirtual().start(() -> pump(upstream, client, true));
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(SocketChannel from, SocketChannel to, boolean answers) {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    try {
      while (from.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          int chunk = answers ? trickleBytes : 0;
          if (chunk > 0) {
            ByteBuffer part = buffer.slice(buffer.position(), Math.min(chunk, buffer.remaining()));
            while (part.hasRemaining()) {
              to.write(part);
            }
            buffer.position(buffer.position() + part.position());
            Thread.sleep(tricklePauseMillis);
          } else {
            to.write(buffer);
          }
        }
        buffer.clear();
      }
    } catch (IOException e) {
      // cut or closed by either side
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    cut();
    server.close();
  }
}
