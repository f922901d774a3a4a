package smap.analytics.adapter.web.console;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import smap.analytics.application.port.in.console.ReplayBatchUseCase.ReplayOutcome;
import smap.analytics.domain.replay.ReplayJobState;

/** Shared by the console handlers: rendering, JSON, the signed-in user, small parsers. */
final class ConsoleSupport {

  static final String USER = "console.user";
  static final String SESSION = "console.session";

  private static final TemplateEngine TEMPLATES =
      TemplateEngine.createPrecompiled(ContentType.Html);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .registerModule(
              new SimpleModule("console-wire")
                  .addSerializer(ReplayJobState.class, new ToStringSerializer(ReplayJobState.class))
                  .addSerializer(
                      ReplayOutcome.class,
                      new StdSerializer<>(ReplayOutcome.class) {
                        @Override
                        public void serialize(
                            ReplayOutcome outcome, JsonGenerator json, SerializerProvider provider)
                            throws java.io.IOException {
                          // The API's shape: {"status", "batchStatus", "message"}.
                          json.writeStartObject();
                          json.writeStringField("status", outcome.code());
                          json.writeStringField(
                              "batchStatus",
                              outcome.batchStatus() == null ? null : outcome.batchStatus().name());
                          json.writeStringField("message", outcome.message());
                          json.writeEndObject();
                        }
                      }))
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private ConsoleSupport() {}

  static void render(Context ctx, String template, Object model) {
    StringOutput output = new StringOutput();
    TEMPLATES.render(template, model, output);
    ctx.header("Vary", "HX-Request").html(output.toString());
  }

  static void json(Context ctx, Object value) {
    try {
      ctx.contentType("application/json").result(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ConsoleUser user(Context ctx) {
    return ctx.attribute(USER);
  }

  static Sessions.Session session(Context ctx) {
    return ctx.attribute(SESSION);
  }

  static Chrome chrome(Context ctx, String title, String active) {
    ConsoleUser user = user(ctx);
    Sessions.Session session = session(ctx);
    return new Chrome(
        title,
        user.name(),
        user.role() == ConsoleUser.Role.OPERATOR,
        session == null ? "" : session.csrf(),
        active);
  }

  static void requireOperator(Context ctx) {
    if (user(ctx).role() != ConsoleUser.Role.OPERATOR) {
      throw new ForbiddenResponse("operators only: your role is viewer");
    }
  }

  static boolean htmx(Context ctx) {
    return "true".equals(ctx.header("HX-Request"));
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** A window such as 1h, 24h, 7d (default 24h). */
  static Duration window(String value) {
    if (value == null || value.isBlank()) {
      return Duration.ofHours(24);
    }
    try {
      char unit = value.charAt(value.length() - 1);
      long n = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (unit) {
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        case 'm' -> Duration.ofMinutes(n);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw new io.javalin.http.BadRequestResponse(
          "window must look like 30m, 1h, 24h or 7d, got '" + Bounds.shorten(value) + "'");
    }
  }

  static Instant instant(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      try {
        return java.time.LocalDateTime.parse(value.strip()).toInstant(java.time.ZoneOffset.UTC);
      } catch (DateTimeParseException again) {
        throw new io.javalin.http.BadRequestResponse(
            name
                + " must be an ISO-8601 time such as 2025-12-17T10:00:00Z, got '"
                + Bounds.shorten(value)
                + "'");
      }
    }
  }
}
