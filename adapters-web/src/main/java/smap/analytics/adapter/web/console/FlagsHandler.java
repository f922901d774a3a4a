package smap.analytics.adapter.web.console;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import smap.analytics.application.port.in.console.ManageFlagsUseCase;
import smap.analytics.application.port.in.console.ManageFlagsUseCase.ChangeFlagCommand;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagScope;
import smap.analytics.domain.flag.FlagSnapshot;

/** Screen: every flag, its history and which instances applied it; toggles with a reason. */
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
    String value = ctx.formParam("enabled");
    Boolean enabled =
        switch (value == null ? "" : value) {
          case "true", "on" -> true;
          case "false", "off" -> false;
          case "remove" -> null;
          default -> throw new BadRequestResponse("enabled must be true, false or remove");
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
          new ChangeFlagCommand(flag, scope, enabled, ConsoleSupport.user(ctx).name(), reason));
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(e.getMessage());
    }
  }

  void change(Context ctx) {
    FlagSnapshot snapshot = doChange(ctx);
    String flash =
        "Saved: now at version "
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
