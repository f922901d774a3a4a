package smap.analytics.domain.project;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import smap.analytics.domain.storable.ColumnLimits;
import smap.analytics.domain.storable.Storable;

/**
 * Rules: the project id of a batch (CONTRACT 5). {@code payload.project_id} wins when present;
 * otherwise it is derived from the {@code job_id} the Collector built as {@code
 * <project>-brand-<n>} or {@code <project>-competitor-<name>-<n>}. Unlike the original, a
 * competitor job yields the project, not {@code <project>-competitor}.
 */
public final class ProjectIdRules {
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", Pattern.CASE_INSENSITIVE);
  private static final String COMPETITOR = "-competitor-";
  private static final Pattern BRAND = Pattern.compile("^(.+)-brand-\\d+$");
  private static final Pattern ENTITY = Pattern.compile("^(.+)-[^-]+-\\d+$");

  private ProjectIdRules() {}

  /** Resolves the batch's project from both sources. */
  public static ProjectResolution resolve(String payloadProjectId, String jobId) {
    String fromPayload = blankToNull(payloadProjectId);
    String fromJob = fromJobId(jobId);
    boolean dryRun = fromPayload == null && isBareUuid(jobId);
    return new ProjectResolution(
        fromPayload != null ? fromPayload : Storable.text(fromJob, ColumnLimits.PROJECT_ID),
        fromPayload,
        fromJob,
        dryRun);
  }

  /**
   * Derives a project id from a job id: null for a bare UUID (a dry run) or when no rule fits; else
   * the part before the last {@code -competitor-}, else before a trailing {@code -brand-<n>}, else
   * before a trailing {@code -<entity>-<n>}.
   */
  public static String fromJobId(String jobId) {
    String job = blankToNull(jobId);
    if (job == null || isBareUuid(job)) {
      return null;
    }
    int competitor = job.lastIndexOf(COMPETITOR);
    if (competitor >= 0) {
      return blankToNull(job.substring(0, competitor));
    }
    Matcher brand = BRAND.matcher(job);
    if (brand.matches()) {
      return blankToNull(brand.group(1));
    }
    Matcher entity = ENTITY.matcher(job);
    if (entity.matches()) {
      return blankToNull(entity.group(1));
    }
    return null;
  }

  /** True when the whole (trimmed) text is one 8-4-4-4-12 hex UUID, in either case. */
  public static boolean isBareUuid(String text) {
    return text != null && UUID.matcher(text.strip()).matches();
  }

  /** The first UUID inside the text, lower-cased; null when there is none. */
  public static String extractUuid(String text) {
    if (text == null) {
      return null;
    }
    Matcher matcher = UUID.matcher(text.strip());
    return matcher.find() ? matcher.group().toLowerCase(java.util.Locale.ROOT) : null;
  }

  private static String blankToNull(String value) {
    if (value == null) {
      return null;
    }
    String stripped = value.strip();
    return stripped.isEmpty() ? null : stripped;
  }
}
