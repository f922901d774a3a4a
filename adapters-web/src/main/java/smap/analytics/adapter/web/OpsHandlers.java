package smap.analytics.adapter.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import smap.analytics.application.port.in.CheckReadinessUseCase;
import smap.analytics.application.port.in.CheckReadinessUseCase.Readiness;

/** Handlers of /healthz (the process answers), /readyz (every dependency) and /metrics. */
public final class OpsHandlers {

  private final CheckReadinessUseCase readiness;
  private final Supplier<String> metrics;

  public OpsHandlers(CheckReadinessUseCase readiness, Supplier<String> metrics) {
    this.readiness = readiness;
    this.metrics = metrics;
  }

  void health(Context ctx) {
    ctx.json(Map.of("status", "ok"));
  }

  void ready(Context ctx) {
    Readiness result = readiness.check();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", result.ready() ? "ready" : "not ready");
    if (!result.ready()) {
      body.put("reason", result.reason());
    }
    Map<String, Object> dependencies = new LinkedHashMap<>();
    for (CheckReadinessUseCase.Dependency dependency : result.dependencies()) {
      dependencies.put(
          dependency.name(), Map.of("up", dependency.up(), "detail", dependency.detail()));
    }
    body.put("dependencies", dependencies);
    body.put("warnings", List.copyOf(result.warnings()));
    ctx.status(result.ready() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
  }

  void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get());
  }
}
