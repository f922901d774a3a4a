package smap.analytics.bootstrap.config;

/**
 * Failure: a setting is missing or malformed. Its message is one line naming the variable and what
 * is wrong, printed as is before the process stops.
 */
public final class ConfigurationException extends RuntimeException {
  public ConfigurationException(String variable, String problem) {
    super(variable + ": " + problem);
  }
}
