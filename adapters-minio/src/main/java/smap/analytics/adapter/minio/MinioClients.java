package smap.analytics.adapter.minio;

import io.minio.MinioClient;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/** Adapter helper: a MinIO client with bounded timeouts, so a hung store is a transient failure. */
public final class MinioClients {

  private MinioClients() {}

  public static MinioClient create(
      String endpoint, String accessKey, String secretKey, String region) {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(30, TimeUnit.SECONDS)
            .writeTimeout(30, TimeUnit.SECONDS)
            .build();
    return MinioClient.builder()
        .endpoint(endpoint)
        .credentials(accessKey, secretKey)
        .region(region)
        .httpClient(http)
        .build();
  }
}
