package smap.analytics.adapter.minio;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import smap.analytics.application.port.out.DependencyProbePort;

/**
 * Adapter: checks that the object store answers, accepts the credentials and holds the
 * crawl-results bucket. It asks only about that bucket ({@code HeadBucket}), so it works with
 * credentials limited to it (listing every bucket would need {@code s3:ListAllMyBuckets}).
 */
public final class MinioDependencyProbeAdapter implements DependencyProbePort {

  private final MinioClient client;
  private final String bucket;

  public MinioDependencyProbeAdapter(MinioClient client, String bucket) {
    this.client = client;
    this.bucket = bucket;
  }

  @Override
  public String name() {
    return "object-store";
  }

  @Override
  public Probe probe() {
    try {
      if (client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        return new Probe(true, "bucket '" + bucket + "' reachable");
      }
      return new Probe(false, "bucket '" + bucket + "' does not exist (MINIO_BUCKET)");
    } catch (Exception e) {
      return new Probe(
          false,
          "bucket '" + bucket + "': " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }
}
