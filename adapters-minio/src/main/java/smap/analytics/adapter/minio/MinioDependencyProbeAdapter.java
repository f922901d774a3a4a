package smap.analytics.adapter.minio;

import io.minio.MinioClient;
import smap.analytics.application.port.out.DependencyProbePort;

/** Adapter: checks that the object store answers and accepts the credentials. */
public final class MinioDependencyProbeAdapter implements DependencyProbePort {

  private final MinioClient client;

  public MinioDependencyProbeAdapter(MinioClient client) {
    this.client = client;
  }

  @Override
  public String name() {
    return "object-store";
  }

  @Override
  public Probe probe() {
    try {
      int buckets = client.listBuckets().size();
      return new Probe(true, "listed " + buckets + " buckets");
    } catch (Exception e) {
      return new Probe(false, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }
}
