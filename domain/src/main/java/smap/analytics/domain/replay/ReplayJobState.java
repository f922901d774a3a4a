package smap.analytics.domain.replay;

import java.util.Locale;

/**
 * Value: where a replay job stands. Each state is its own type and offers only the transitions it
 * allows: a {@link Draft} starts, a {@link Running} job pauses or finishes, a {@link Paused} one
 * resumes, and the three unfinished states are {@link Cancellable}. {@link Cancelled} and {@link
 * Done} are final. {@link #name()} is the stored and displayed form.
 */
public sealed interface ReplayJobState {

  ReplayJobState DRAFT = new Draft();
  ReplayJobState RUNNING = new Running();
  ReplayJobState PAUSED = new Paused();
  ReplayJobState CANCELLED = new Cancelled();
  ReplayJobState DONE = new Done();

  /** The stored and displayed form: DRAFT, RUNNING, PAUSED, CANCELLED or DONE. */
  String name();

  /** True for the states no transition leaves. */
  default boolean terminal() {
    return !(this instanceof Cancellable);
  }

  /** Reads the stored form; an unknown one names itself. */
  static ReplayJobState parse(String stored) {
    String s = stored == null ? "" : stored.strip().toUpperCase(Locale.ROOT);
    return switch (s) {
      case "DRAFT" -> DRAFT;
      case "RUNNING" -> RUNNING;
      case "PAUSED" -> PAUSED;
      case "CANCELLED" -> CANCELLED;
      case "DONE" -> DONE;
      default -> throw new IllegalArgumentException("replay job state: unknown '" + stored + "'");
    };
  }

  /** The states an operator may cancel. */
  sealed interface Cancellable extends ReplayJobState permits Draft, Running, Paused {
    default Cancelled cancel() {
      return (Cancelled) CANCELLED;
    }
  }

  /** Frozen and previewed, not started. */
  record Draft() implements Cancellable {
    public Running start() {
      return (Running) RUNNING;
    }

    @Override
    public String name() {
      return "DRAFT";
    }

    @Override
    public String toString() {
      return name();
    }
  }

  /** Replaying its items at its rate. */
  record Running() implements Cancellable {
    public Paused pause() {
      return (Paused) PAUSED;
    }

    /** Every item has an outcome. */
    public Done finish() {
      return (Done) DONE;
    }

    @Override
    public String name() {
      return "RUNNING";
    }

    @Override
    public String toString() {
      return name();
    }
  }

  /** Stopped by an operator; resumes where it stopped. */
  record Paused() implements Cancellable {
    public Running resume() {
      return (Running) RUNNING;
    }

    @Override
    public String name() {
      return "PAUSED";
    }

    @Override
    public String toString() {
      return name();
    }
  }

  /** Stopped for good by an operator; items not replayed stay so. */
  record Cancelled() implements ReplayJobState {
    @Override
    public String name() {
      return "CANCELLED";
    }

    @Override
    public String toString() {
      return name();
    }
  }

  /** Every item was replayed, skipped or failed. */
  record Done() implements ReplayJobState {
    @Override
    public String name() {
      return "DONE";
    }

    @Override
    public String toString() {
      return name();
    }
  }
}
