package smap.analytics.adapter.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smap.analytics.domain.batch.ObjectLocation;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.failure.MalformedBatchException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Per-object refusals of a real S3 protocol server (S3Proxy whose store denies some keys, as a
 * bucket policy would, and answers others with KeyTooLong or a 503) reach the adapter through the
 * HTTP protocol: a refused object is permanent for its batch, a failing store is transient.
 */
class MinioObjectRefusalIT {

  private static S3Proxy proxy;
  private static MinioClient client;

  /** A store with a policy: keys under denied/ are 403, under long/ 400 KeyTooLong, busy/ 503. */
  private static final class PolicyStore extends ForwardingBlobStore {
    PolicyStore(BlobStore delegate) {
      super(delegate);
    }

    private static void check(String key) {
      if (key.startsWith("denied/")) {
        throw new S3ProxyException(S3ErrorCode.ACCESS_DENIED);
      }
      if (key.startsWith("long/")) {
        throw (S3Exception)
            S3Exception.builder()
                .statusCode(400)
                .message("Your key is too long")
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("KeyTooLong")
                        .errorMessage("Your key is too long")
                        .build())
                .build();
      }
      if (key.startsWith("busy/")) {
        throw (S3Exception)
            S3Exception.builder()
                .statusCode(503)
                .message("Please reduce your request rate")
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("SlowDown")
                        .errorMessage("Please reduce your request rate")
                        .build())
                .build();
      }
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
      check(request.key());
      return super.blobMetadata(request);
    }

    @Override
    public software.amazon.awssdk.core.ResponseInputStream<
            software.amazon.awssdk.services.s3.model.GetObjectResponse>
        getBlob(GetObjectRequest request) {
      check(request.key());
      return super.getBlob(request);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("jclouds.identity", "it-access");
    properties.setProperty("jclouds.credential", "it-secret");
    proxy =
        S3Proxy.builder()
            .blobStore(new PolicyStore(BlobStores.create("transient", properties)))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "it-access", "it-secret")
            .endpoint(URI.create("http://127.0.0.1:0"))
            .ignoreUnknownHeaders(true)
            .stopTimeout(1_000)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    client =
        MinioClients.create(
            "http://127.0.0.1:" + proxy.getPort(), "it-access", "it-secret", "us-east-1");
    client.makeBucket(MakeBucketArgs.builder().bucket("policy").build());
    for (String key : new String[] {"denied/a.json", "long/a.json", "busy/a.json", "ok.json"}) {
      byte[] body = "[{\"meta\":{\"id\":\"1\"}}]".getBytes(StandardCharsets.UTF_8);
      client.putObject(
          PutObjectArgs.builder().bucket("policy").object(key).stream(
                  new ByteArrayInputStream(body), body.length, -1)
              .build());
    }
  }

  @AfterAll
  static void stop() {
    try {
      proxy.stop();
    } catch (Exception slowStop) {
      // Jetty may time out on the way down; nothing is kept.
    }
  }

  private static MinioBatchObjectAdapter adapter() {
    return new MinioBatchObjectAdapter(client, 1024 * 1024);
  }

  @Test
  void accessDeniedIsAPermanentProblemOfThatObject() {
    assertThatThrownBy(() -> adapter().fetch(new ObjectLocation("policy", "denied/a.json")))
        .isInstanceOf(MalformedBatchException.class)
        .hasMessageContaining("policy/denied/a.json: the object store refuses this object")
        .hasMessageContaining("AccessDenied (HTTP 403)");
    assertThat(adapter().fetch(new ObjectLocation("policy", "ok.json")).items()).hasSize(1);
  }

  @Test
  void keyTooLongIsAPermanentProblemOfThatObject() {
    assertThatThrownBy(() -> adapter().fetch(new ObjectLocation("policy", "long/a.json")))
        .isInstanceOf(MalformedBatchException.class)
        .hasMessageContaining("KeyTooLong (HTTP 400)");
  }

  @Test
  void aStoreAskingToSlowDownIsUnavailableNotTheObjectsFault() {
    assertThatThrownBy(() -> adapter().fetch(new ObjectLocation("policy", "busy/a.json")))
        .isInstanceOf(DependencyUnavailableException.class)
        .hasMessageContaining("503");
  }
}
