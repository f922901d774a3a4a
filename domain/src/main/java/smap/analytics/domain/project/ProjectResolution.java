package smap.analytics.domain.project;

/**
 * The one project id of a batch, computed once and used for posts, error rows and the result.
 *
 * @param projectId the id, or null (dry run, or nothing to derive it from)
 * @param fromPayload what {@code payload.project_id} said (null if absent)
 * @param fromJobId what the {@code job_id} rules derived (null if nothing)
 * @param dryRun true when the job id is a bare UUID: a dry run, whose result is not published
 */
public record ProjectResolution(
    String projectId, String fromPayload, String fromJobId, boolean dryRun) {

  /** True when payload and job id both gave a value and they differ; the payload's is kept. */
  public boolean conflict() {
    return fromPayload != null && fromJobId != null && !fromPayload.equals(fromJobId);
  }

  /** True when a result may be published for this batch. */
  public boolean publishable() {
    return projectId != null;
  }
}
