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
 * at once) and restores it, so the shared server itself is never stopped.
 */
final class TcpProxy implements AutoCloseable {

  private final ServerSocketChannel server;
  private final InetSocketAddress target;
  private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
  private volatile boolean cut;
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
        Thread.ofVirtual().start(() -> pump(client, upstream));
        Thread.ofVirtual().start(() -> pump(upstream, client));
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(SocketChannel from, SocketChannel to) {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    try {
      while (from.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          to.write(buffer);
        }
        buffer.clear();
      }
    } catch (IOException e) {
      // cut or closed by either side
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
