package smap.analytics.adapter.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document (src/main/resources/openapi.json) is valid OpenAPI 3, names every /api route
 * the console registers with its method, and is what /api/openapi.json serves.
 */
class OpenApiDocumentTest {

  private static String document() throws Exception {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.json")) {
      assertThat(in).as("openapi.json on the classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theDocumentIsValidAndCoversEveryRegisteredApiRoute() throws Exception {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(document(), null, options);
    assertThat(result.getMessages()).as("validation messages").isEmpty();
    OpenAPI api = result.getOpenAPI();
    assertThat(api.getComponents().getSecuritySchemes())
        .containsKeys("basicAuth", "sessionCookie", "csrfHeader");

    try (ConsoleUnderTest c =
        new ConsoleUnderTest(
            ConsoleUnderTest.options(5, 20, Duration.ofMinutes(30), Duration.ofHours(12), 1000),
            false)) {
      List<String> missing = new ArrayList<>();
      List<ConsoleRoutes.Route> apiRoutes =
          c.server.console().routes().stream().filter(r -> r.path().startsWith("/api/")).toList();
      assertThat(apiRoutes).hasSizeGreaterThan(10);
      for (ConsoleRoutes.Route route : apiRoutes) {
        PathItem item = api.getPaths().get(route.path());
        PathItem.HttpMethod method =
            PathItem.HttpMethod.valueOf(route.method().toUpperCase(Locale.ROOT));
        if (item == null || !item.readOperationsMap().containsKey(method)) {
          missing.add(route.method() + " " + route.path());
        } else if (!route.path().equals("/api/openapi.json")) {
          assertThat(item.readOperationsMap().get(method).getResponses())
              .as(route + " documents its errors")
              .containsKey("401");
        }
      }
      assertThat(missing).as("routes missing from openapi.json").isEmpty();

      HttpResponse<String> served =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(c.base + "/api/openapi.json")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
      assertThat(served.body()).isEqualTo(document());
    }
  }
}
