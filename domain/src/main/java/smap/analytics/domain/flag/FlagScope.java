package smap.analytics.domain.flag;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a flag value applies: everywhere, one platform, one project, or one running instance
 * ({@code INSTANCE_ID}). At most one of the three is set. Precedence, narrowest first: instance,
 * then project, then platform, then global (see {@link FlagSnapshot#decide}).
 *
 * @param platform upper-case platform name, or null
 * @param projectId project id, or null
 * @param instanceId the id of one running instance, or null
 */
public record FlagScope(String platform, String projectId, String instanceId) {
  public static final FlagScope GLOBAL = new FlagScope(null, null, null);

  public FlagScope {
    platform =
        platform == null || platform.isBlank() ? null : platform.strip().toUpperCase(Locale.ROOT);
    projectId = projectId == null || projectId.isBlank() ? null : projectId.strip();
    instanceId = instanceId == null || instanceId.isBlank() ? null : instanceId.strip();
    int named =
        (platform == null ? 0 : 1) + (projectId == null ? 0 : 1) + (instanceId == null ? 0 : 1);
    if (named > 1) {
      throw new IllegalArgumentException(
          "a scope names a platform, a project or an instance, not both");
    }
  }

  /** A platform or project scope (or the global one when both are null). */
  public FlagScope(String platform, String projectId) {
    this(platform, projectId, null);
  }

  /**
   * The scope of one platform.
   *
   * @throws IllegalArgumentException when the name is blank (which would otherwise read as the
   *     global scope, so "platform:" would switch a flag for everyone)
   */
  public static FlagScope platform(String platform) {
    return new FlagScope(required(platform, "platform"), null, null);
  }

  /**
   * The scope of one project.
   *
   * @throws IllegalArgumentException when the id is blank (see {@link #platform})
   */
  public static FlagScope project(String projectId) {
    return new FlagScope(null, required(projectId, "projectId"), null);
  }

  /**
   * The scope of one running instance: a canary, or one instance to stop.
   *
   * @throws IllegalArgumentException when the id is blank (see {@link #platform})
   */
  public static FlagScope instance(String instanceId) {
    return new FlagScope(null, null, required(instanceId, "instanceId"));
  }

  private static String required(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank in a scope");
    }
    return value;
  }

  public boolean global() {
    return platform == null && projectId == null && instanceId == null;
  }

  /** "global", "platform:TIKTOK", "project:<id>" or "instance:<id>"; also the stored form. */
  @Override
  public String toString() {
    if (platform != null) {
      return "platform:" + platform;
    }
    if (projectId != null) {
      return "project:" + projectId;
    }
    if (instanceId != null) {
      return "instance:" + instanceId;
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
    if (text.startsWith("instance:")) {
      return instance(text.substring("instance:".length()));
    }
    throw new IllegalArgumentException(
        "scope must be 'global', 'platform:<NAME>', 'project:<id>' or 'instance:<id>', got '"
            + text
            + "'");
  }
}
