package smap.analytics.adapter.minio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import smap.analytics.adapter.minio.S3Failures.Kind;

class S3FailuresTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "NoSuchKey, 404, NOT_FOUND",
        "NoSuchBucket, 404, NOT_FOUND",
        "AccessDenied, 403, UNUSABLE",
        "KeyTooLong, 400, UNUSABLE",
        "InvalidObjectName, 400, UNUSABLE",
        "InvalidBucketName, 400, UNUSABLE",
        "InvalidRange, 416, UNUSABLE",
        "NULL, 400, UNUSABLE",
        "InvalidAccessKeyId, 403, UNAVAILABLE",
        "SignatureDoesNotMatch, 403, UNAVAILABLE",
        "RequestTimeTooSkewed, 403, UNAVAILABLE",
        "SlowDown, 503, UNAVAILABLE",
        "InternalError, 500, UNAVAILABLE",
        "NULL, 502, UNAVAILABLE",
        "RequestTimeout, 400, UNAVAILABLE",
        "NULL, 429, UNAVAILABLE",
        "NULL, 0, UNAVAILABLE"
      })
  void eachS3ErrorIsOneKind(String code, int status, Kind kind) {
    assertThat(S3Failures.classify(code, status)).isEqualTo(kind);
  }
}
