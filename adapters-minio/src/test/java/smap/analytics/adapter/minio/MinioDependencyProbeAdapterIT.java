package smap.analytics.adapter.minio;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import org.junit.jupiter.api.Test;
import smap.analytics.application.port.out.DependencyProbePort.Probe;
import smap.analytics.embedded.s3.EmbeddedS3Server;

/** Readiness asks about the crawl-results bucket only, against an in-process S3 server. */
class MinioDependencyProbeAdapterIT {

  @Test
  void theProbeIsUpOnlyWhileTheCrawlResultsBucketAnswers() throws Exception {
    try (EmbeddedS3Server s3 = EmbeddedS3Server.start(0, "probe-access", "probe-secret")) {
      MinioClient client =
          MinioClients.create(
              s3.endpoint().toString(), "probe-access", "probe-secret", "us-east-1");
      client.makeBucket(MakeBucketArgs.builder().bucket("other-bucket").build());
      MinioDependencyProbeAdapter probe = new MinioDependencyProbeAdapter(client, "crawl-results");

      assertThat(probe.probe())
          .as("another bucket does not make the store ready")
          .isEqualTo(new Probe(false, "bucket 'crawl-results' does not exist (MINIO_BUCKET)"));

      client.makeBucket(MakeBucketArgs.builder().bucket("crawl-results").build());
      assertThat(probe.probe()).isEqualTo(new Probe(true, "bucket 'crawl-results' reachable"));

      MinioClient wrongSecret =
          MinioClients.create(s3.endpoint().toString(), "probe-access", "wrong", "us-east-1");
      Probe refused = new MinioDependencyProbeAdapter(wrongSecret, "crawl-results").probe();
      assertThat(refused.up()).isFalse();
      assertThat(refused.detail()).startsWith("bucket 'crawl-results': ");
    }
  }
}
