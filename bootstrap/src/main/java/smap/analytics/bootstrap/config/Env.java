package smap.analytics.bootstrap.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads typed values from the environment. Every reader names the variable in its error, so a bad
 * value stops the process with one clear line.
 */
final class Env {

  private final Map<String, String> values;

  Env(Map<String, String> values) {
    this.values = Objects.requireNonNull(values, "values");
  }

  /** The raw value, or null when unset or blank. */
  String raw(Setting setting) {
    String value = values.get(setting.name());
    return value == null || value.isBlank() ? null : value.strip();
  }

  String text(Setting setting) {
    String value = raw(setting);
    return value == null ? setting.defaultValue() : value;
  }

  /** A value that may be empty (a password). */
  String secret(Setting setting) {
    String value = values.get(setting.name());
    return value == null ? setting.defaultValue() : value;
  }

  int integer(Setting setting, int min, int max) {
    String value = text(setting);
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigurationException(
          setting.name(), "expected a whole number, got '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigurationException(
          setting.name(), "must be between " + min + " and " + max + ", got " + parsed);
    }
    return parsed;
  }

  Duration millis(Setting setting, long min, long max) {
    String value = text(setting);
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ConfigurationException(
          setting.name(), "expected milliseconds as a whole number, got '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigurationException(
          setting.name(), "must be between " + min + " and " + max + " ms, got " + parsed);
    }
    return Duration.ofMillis(parsed);
  }

  boolean bool(Setting setting) {
    String value = text(setting).toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default ->
          throw new ConfigurationException(
              setting.name(), "expected true or false, got '" + value + "'");
    };
  }

  /** One of {@code allowed}, compared without case; returned as spelled in {@code allowed}. */
  String oneOf(Setting setting, String... allowed) {
    String value = text(setting);
    for (String candidate : allowed) {
      if (candidate.equalsIgnoreCase(value)) {
        return candidate;
      }
    }
    throw new ConfigurationException(
        setting.name(), "expected one of " + String.join(", ", allowed) + ", got '" + value + "'");
  }

  /** A number of days, 0 meaning forever (returned as {@link Duration#ZERO}). */
  Duration days(Setting setting) {
    return Duration.ofDays(integer(setting, 0, 36_500));
  }

  /** A URI whose scheme is one of {@code schemes}, with a host. */
  URI uri(Setting setting, String... schemes) {
    String value = text(setting);
    String expected =
        "expected a URL starting with "
            + String.join(":// or ", schemes)
            + "://, got '"
            + value
            + "'";
    if (!value.contains("://")) {
      throw new ConfigurationException(setting.name(), expected);
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigurationException(setting.name(), "not a valid URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    for (String allowed : schemes) {
      if (allowed.equals(scheme)) {
        if (uri.getHost() == null || uri.getHost().isBlank()) {
          throw new ConfigurationException(setting.name(), "has no host: '" + value + "'");
        }
        return uri;
      }
    }
    throw new ConfigurationException(
        setting.name(),
        "expected a URL starting with "
            + String.join(":// or ", schemes)
            + "://, got '"
            + value
            + "'");
  }

  /** A name for an exchange, queue or routing key: non-empty, printable, at most 255 chars. */
  String amqpName(Setting setting) {
    String value = text(setting);
    if (value.length() > 255 || !value.chars().allMatch(c -> c > 32 && c < 127)) {
      throw new ConfigurationException(
          setting.name(),
          "expected up to 255 printable characters without spaces, got '" + value + "'");
    }
    return value;
  }
}
