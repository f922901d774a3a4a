package smap.analytics.adapter.amqp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import smap.analytics.application.port.out.ResultPublisherPort;
import smap.analytics.application.port.out.ResultPublisherPortContractTest;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.message.JsonFixtures;

/** The publisher contract against the machine's RabbitMQ, with a bound Collector queue. */
class RabbitResultPublisherAdapterIT extends ResultPublisherPortContractTest {

  private static final String URL =
      System.getenv().getOrDefault("TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/%2F");
  private static final ObjectMapper JSON = new ObjectMapper();

  private RabbitSettings settings;
  private Connection connection;
  private Channel channel;
  private String collector;
  private RabbitResultPublisherAdapter publisher;
  private final Map<String, Map<String, Object>> seen = new HashMap<>();

  @BeforeEach
  void connect() throws Exception {
    String s = UUID.randomUUID().toString().substring(0, 8);
    settings =
        new RabbitSettings(
            URI.create(URL),
            "pub.events." + s,
            "pub.in." + s,
            "data.collected",
            "pub.legacy." + s,
            "pub.dead." + s,
            "pub.results." + s,
            "analyze.result",
            1);
    connection = RabbitConnections.open(settings, "publisher-it", 2);
    RabbitTopology.declare(connection, settings);
    channel = connection.createChannel();
    collector = channel.queueDeclare().getQueue();
    channel.queueBind(collector, settings.publishExchange(), settings.publishRoutingKey());
    publisher = new RabbitResultPublisherAdapter(connection, settings);
  }

  @AfterEach
  void cleanUp() throws Exception {
    publisher.close();
    for (String q :
        new String[] {settings.eventQueue(), settings.legacyQueue(), settings.deadLetterQueue()}) {
      channel.queueDelete(q);
    }
    for (String x :
        new String[] {
          settings.eventExchange(), settings.publishExchange(), settings.deadLetterExchange()
        }) {
      channel.exchangeDelete(x);
    }
    connection.close();
  }

  @Override
  protected ResultPublisherPort routedPublisher() {
    return publisher;
  }

  @Override
  protected AnalyzeResult received(String messageId) throws Exception {
    GetResponse message;
    while ((message = channel.basicGet(collector, true)) != null) {
      seen.put(
          message.getProps().getMessageId(),
          JSON.readValue(message.getBody(), new TypeReference<LinkedHashMap<String, Object>>() {}));
    }
    Map<String, Object> fields = seen.get(messageId);
    return fields == null ? null : JsonFixtures.result(fields);
  }
}
