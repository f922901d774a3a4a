package smap.analytics.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration helper: the log format and root level ({@code LOG_FORMAT}, {@code LOG_LEVEL}). They
 * are set as system properties that {@code logback.xml} reads when logback starts, and applied to
 * the root logger directly when logback has already started.
 */
final class Logging {

  static final String FORMAT_PROPERTY = "smap.log.format";
  static final String LEVEL_PROPERTY = "smap.log.level";

  private Logging() {}

  static void configure(String format, String level) {
    System.setProperty(FORMAT_PROPERTY, format);
    System.setProperty(LEVEL_PROPERTY, level);
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
    }
  }
}
