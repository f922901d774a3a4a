package smap.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** LOG_LEVEL sets the root level, whether logback has started already or starts afterwards. */
class LoggingTest {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

  @AfterEach
  void restore() {
    Logging.configure("json", "INFO");
  }

  @Test
  void theLevelAppliesToARunningLogback() {
    Logging.configure("text", "WARN");

    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
    assertThat(LoggerFactory.getLogger("smap.analytics.any").isInfoEnabled()).isFalse();
  }

  @Test
  void logbackXmlReadsTheLevelWhenItStarts() throws Exception {
    System.setProperty(Logging.LEVEL_PROPERTY, "ERROR");
    LoggerContext fresh = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(fresh);
    configurator.doConfigure(getClass().getResource("/logback.xml"));

    assertThat(fresh.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.ERROR);
    fresh.stop();
  }

  @Test
  void aBadLevelStopsTheCommandWithOneLine() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"migrate"},
            Map.of("LOG_LEVEL", "chatty"),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err));

    assertThat(code).isEqualTo(Main.EXIT_CONFIG);
    assertThat(err.toString())
        .isEqualTo(
            "smap-analytics: configuration error: LOG_LEVEL: expected one of TRACE, DEBUG, INFO,"
                + " WARN, ERROR, OFF, got 'chatty'"
                + System.lineSeparator());
  }
}
