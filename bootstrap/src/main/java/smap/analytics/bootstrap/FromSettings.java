package smap.analytics.bootstrap;

import io.minio.MinioClient;
import java.util.Map;
import smap.analytics.adapter.amqp.RabbitSettings;
import smap.analytics.adapter.minio.MinioClients;
import smap.analytics.adapter.web.console.ConsoleUser;
import smap.analytics.bootstrap.config.AnalysisSettingsReader;
import smap.analytics.bootstrap.config.ConfigurationException;
import smap.analytics.bootstrap.config.ServiceSettings;
import smap.analytics.domain.analysis.AnalysisRules;
import smap.analytics.domain.analysis.AnalysisSettings;
import smap.analytics.domain.analysis.PostAnalyser;
import smap.analytics.domain.analysis.RuleFileException;

/**
 * Composition root: the parts built straight from the settings, each failing with a {@link
 * ConfigurationException} that names what to fix.
 */
final class FromSettings {

  private FromSettings() {}

  /** The object store client, with the connect and read deadlines. */
  static MinioClient minio(ServiceSettings settings) {
    ServiceSettings.ObjectStore store = settings.objectStore();
    ServiceSettings.Deadlines deadlines = settings.deadlines();
    return MinioClients.create(
        store.endpoint().toString(),
        store.accessKey(),
        store.secretKey(),
        store.region(),
        deadlines.objectStoreConnect(),
        deadlines.objectStoreRead());
  }

  /** The broker adapter's settings. */
  static RabbitSettings rabbit(ServiceSettings settings) {
    ServiceSettings.Broker b = settings.broker();
    return new RabbitSettings(
            b.url(),
            b.eventExchange(),
            b.eventQueue(),
            b.eventRoutingKey(),
            b.legacyQueue(),
            b.deadLetterQueue(),
            b.publishExchange(),
            b.publishRoutingKey(),
            settings.maxConcurrentBatches())
        .withEventQueueType(b.eventQueueType(), b.eventQueueDeliveryLimit())
        .withPrefetch(b.prefetch());
  }

  /** The console users of CONSOLE_USERS; none is a configuration error (no default password). */
  static Map<String, ConsoleUser> consoleUsers(ServiceSettings settings) {
    Map<String, ConsoleUser> users;
    try {
      users = ConsoleUser.parse(settings.consoleUsers());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("CONSOLE_USERS", e.getMessage());
    }
    if (users.isEmpty()) {
      throw new ConfigurationException(
          "CONSOLE_USERS",
          "the console needs users (name:role:bcrypt-hash,...); there is no default password");
    }
    return users;
  }

  /** The analysis with its rule files and impact settings; a bad one is a configuration error. */
  static PostAnalyser analyser(ServiceSettings settings) {
    AnalysisSettings analysis;
    try {
      analysis = AnalysisSettingsReader.read(settings.environment());
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      int colon = message.indexOf(':');
      throw new ConfigurationException(
          message.substring(0, colon), message.substring(colon + 1).strip());
    }
    ServiceSettings.RulePaths paths = settings.rules();
    try {
      AnalysisRules rules =
          AnalysisRules.load(
              paths.intentPatterns(), paths.aspectDictionary(), paths.sentimentLexicon());
      return new PostAnalyser(rules, analysis, rules.lexicon());
    } catch (RuleFileException e) {
      throw new ConfigurationException("rule file", e.getMessage());
    }
  }
}
