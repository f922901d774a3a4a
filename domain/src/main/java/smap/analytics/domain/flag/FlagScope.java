package smap.analytics.domain.flag;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a flag value applies: everywhere, one platform, or one project. A narrower scope wins.
 *
 * @param platform upper-case platform name, or null
 * @param projectId project id, or null
 */
public record FlagScope(String platform, String projectId) {
  public static final FlagScope GLOBAL = new FlagScope(null, null);

  public FlagScope {
    if (platform != null && projectId != null) {
      throw new IllegalArgumentException("a scope names a platform or a project, not both");
    }
    platform =
        platform == null || platform.isBlank() ? null : platform.strip().toUpperCase(Locale.ROOT);
    projectId = projectId == null || projectId.isBlank() ? null : projectId.strip();
  }

  public static FlagScope platform(String platform) {
    return new FlagScope(Objects.requireNonNull(platform, "platform"), null);
  }

  public static FlagScope project(String projectId) {
    return new FlagScope(null, Objects.requireNonNull(projectId, "projectId"));
  }

  public boolean global() {
    return platform == null && projectId == null;
  }

  /** "global", "platform:TIKTOK" or "project:<id>"; also the stored form. */
  @Override
  public String toString() {
    if (platform != null) {
      return "platform:" + platform;
    }
    if (projectId != null) {
      return "project:" + projectId;
    }
    return "global";
  }

  /** Parses {@link #toString}'s form. */
  public static FlagScope parse(String text) {
    if (text == null || text.isBlank() || text.equals("global")) {
      return GLOBAL;
    }
    if (text.startsWith("platform:")) {
      return platform(text.substring("platform:".length()));
    }
    if (text.startsWith("project:")) {
      return project(text.substring("project:".length()));
    }
    throw new IllegalArgumentException(
        "scope must be 'global', 'platform:<NAME>' or 'project:<id>', got '" + text + "'");
  }
}
