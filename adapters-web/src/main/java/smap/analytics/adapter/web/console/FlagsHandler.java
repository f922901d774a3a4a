package smap.analytics.adapter.web.console;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import smap.analytics.application.port.in.console.ManageFlagsUseCase;
import smap.analytics.application.port.in.console.ManageFlagsUseCase.ChangeFlagCommand;
import smap.analytics.application.port.in.console.ManageFlagsUseCase.RestoreFlagCommand;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagScope;
import smap.analytics.domain.flag.FlagSnapshot;

/**
 * Screen: every flag, its history and which instances applied it; toggles with a reason, rollout
 * steps of the analysis stages (10 %, 50 %, 100 %) and "restore the state before" a change.
 */
final class FlagsHandler {

  private final ManageFlagsUseCase flags;

  FlagsHandler(ManageFlagsUseCase flags) {
    this.flags = flags;
  }

  void page(Context ctx) {
    ConsoleSupport.render(
        ctx,
        "flags.jte",
        new Pages.FlagsPage(
            ConsoleSupport.chrome(ctx, "Feature flags", "flags"), flags.board(), null));
  }

  void api(Context ctx) {
    ConsoleSupport.json(ctx, flags.board());
  }

  private FlagSnapshot doChange(Context ctx) {
    ConsoleSupport.requireOperator(ctx);
    FeatureFlag flag;
    try {
      flag = FeatureFlag.fromKey(ctx.pathParam("key"));
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse("unknown flag '" + ctx.pathParam("key") + "'");
    }
    String reason = ConsoleSupport.blankToNull(ctx.formParam("reason"));
    if (reason == null) {
      throw new BadRequestResponse("a reason is required to change a flag");
    }
    Integer percent = percent(ctx.formParam("percent"));
    String value = ctx.formParam("enabled");
    Boolean enabled =
        switch (value == null ? (percent != null ? "true" : "") : value) {
          case "true", "on" -> true;
          case "false", "off" -> false;
          case "remove" -> null;
          default ->
              throw new BadRequestResponse(
                  "enabled must be true, false or remove (or give percent)");
        };
    FlagScope scope;
    try {
      scope =
          FlagScope.parse(
              ConsoleSupport.blankToNull(ctx.formParam("scope")) == null
                  ? "global"
                  : ctx.formParam("scope").strip());
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse("scope: " + e.getMessage());
    }
    try {
      return flags.change(
          new ChangeFlagCommand(
              flag, scope, enabled, percent, ConsoleSupport.user(ctx).name(), reason));
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(e.getMessage());
    }
  }

  private static Integer percent(String text) {
    String value = ConsoleSupport.blankToNull(text);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip().replace("%", "").strip());
    } catch (NumberFormatException e) {
      throw new BadRequestResponse(
          "percent must be a whole number from 0 to 100, got '" + value + "'");
    }
  }

  private FlagSnapshot doRestore(Context ctx) {
    ConsoleSupport.requireOperator(ctx);
    long version;
    try {
      version = Long.parseLong(ctx.pathParam("version"));
    } catch (NumberFormatException e) {
      throw new BadRequestResponse(
          "version must be a number, got '" + ctx.pathParam("version") + "'");
    }
    String reason = ConsoleSupport.blankToNull(ctx.formParam("reason"));
    if (reason == null) {
      throw new BadRequestResponse("a reason is required to restore a flag");
    }
    try {
      return flags.restore(
          new RestoreFlagCommand(version, ConsoleSupport.user(ctx).name(), reason));
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(e.getMessage());
    }
  }

  void restore(Context ctx) {
    FlagSnapshot snapshot = doRestore(ctx);
    renderSaved(ctx, snapshot, "Restored the state before version " + ctx.pathParam("version"));
  }

  void restoreApi(Context ctx) {
    ConsoleSupport.json(ctx, doRestore(ctx));
  }

  void change(Context ctx) {
    renderSaved(ctx, doChange(ctx), "Saved");
  }

  private void renderSaved(Context ctx, FlagSnapshot snapshot, String what) {
    String flash =
        what
            + ": now at version "
            + snapshot.version()
            + "; running instances apply it within about a second.";
    ConsoleSupport.render(
        ctx,
        "flags.jte",
        new Pages.FlagsPage(
            ConsoleSupport.chrome(ctx, "Feature flags", "flags"), flags.board(), flash));
  }

  void changeApi(Context ctx) {
    ConsoleSupport.json(ctx, doChange(ctx));
  }
}
