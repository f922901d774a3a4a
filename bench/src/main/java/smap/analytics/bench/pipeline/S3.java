package smap.analytics.bench.pipeline;

import io.minio.MinioClient;
import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/** The benchmark's S3 server: S3Proxy over an in-memory store, on a free loopback port. */
final class S3 implements AutoCloseable {

  static final String ACCESS = "bench-access";
  static final String SECRET = "bench-secret";

  private final S3Proxy proxy;

  private S3(S3Proxy proxy) {
    this.proxy = proxy;
  }

  static S3 start() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("jclouds.identity", ACCESS);
    properties.setProperty("jclouds.credential", SECRET);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("transient", properties))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .ignoreUnknownHeaders(true)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3 server did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    return new S3(proxy);
  }

  String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  MinioClient client() {
    return MinioClient.builder()
        .endpoint(endpoint())
        .credentials(ACCESS, SECRET)
        .region("us-east-1")
        .build();
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
