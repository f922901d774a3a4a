package smap.analytics.adapter.minio;

import io.minio.MinioClient;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/** Adapter helper: a MinIO client with bounded timeouts, so a hung store is a transient failure. */
public final class MinioClients {

  private MinioClients() {}

  public static MinioClient create(
      String endpoint, String accessKey, String secretKey, String region) {
    return create(
        endpoint,
        accessKey,
        secretKey,
        region,
        java.time.Duration.ofSeconds(5),
        java.time.Duration.ofSeconds(30));
  }

  /** As above, with the connect and read timeouts (MINIO_CONNECT/READ_TIMEOUT_MS). */
  public static MinioClient create(
      String endpoint,
      String accessKey,
      String secretKey,
      String region,
      java.time.Duration connectTimeout,
      java.time.Duration readTimeout) {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .build();
    return MinioClient.builder()
        .endpoint(endpoint)
        .credentials(accessKey, secretKey)
        .region(region)
        .httpClient(http)
        .build();
  }
}
