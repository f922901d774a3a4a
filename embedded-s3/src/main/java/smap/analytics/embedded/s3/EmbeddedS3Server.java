package smap.analytics.embedded.s3;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * An S3 server in this process (S3Proxy over an in-memory store), for the {@code demo} command and
 * the tests: a real S3 protocol peer that checks signatures, not a mock.
 */
public final class EmbeddedS3Server implements AutoCloseable {

  private final S3Proxy proxy;
  private final String accessKey;
  private final String secretKey;

  private EmbeddedS3Server(S3Proxy proxy, String accessKey, String secretKey) {
    this.proxy = proxy;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** Starts a server on 127.0.0.1:{@code port} (0 picks a free port). */
  public static EmbeddedS3Server start(int port, String accessKey, String secretKey) {
    Properties properties = new Properties();
    properties.setProperty("jclouds.identity", accessKey);
    properties.setProperty("jclouds.credential", secretKey);
    BlobStore store = BlobStores.create("transient", properties);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(store)
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .ignoreUnknownHeaders(true)
            .stopTimeout(1_000)
            .build();
    try {
      proxy.start();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "S3 server did not start within 10 s: " + proxy.getState());
        }
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the S3 server", e);
    } catch (Exception e) {
      throw new IllegalStateException("could not start the S3 server: " + e.getMessage(), e);
    }
    return new EmbeddedS3Server(proxy, accessKey, secretKey);
  }

  /** The endpoint URL, e.g. {@code http://127.0.0.1:34567}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // Stopping an in-memory server: nothing is lost if Jetty complains on the way down.
      org.slf4j.LoggerFactory.getLogger(EmbeddedS3Server.class)
          .debug("S3 server stop: {}", e.toString());
    }
  }
}
