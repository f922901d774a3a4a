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

  /**
   * The scope of one platform.
   *
   * @throws IllegalArgumentException when the name is blank (which would otherwise read as the
   *     global scope, so "platform:" would switch a flag for everyone)
   */
  public static FlagScope platform(String platform) {
    Objects.requireNonNull(platform, "platform");
    if (platform.isBlank()) {
      throw new IllegalArgumentException("platform must not be blank in a platform scope");
    }
    return new FlagScope(platform, null);
  }

  /**
   * The scope of one project.
   *
   * @throws IllegalArgumentException when the id is blank (see {@link #platform})
   */
  public static FlagScope project(String projectId) {
    Objects.requireNonNull(projectId, "projectId");
    if (projectId.isBlank()) {
      throw new IllegalArgumentException("projectId must not be blank in a project scope");
    }
    return new FlagScope(null, projectId);
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
