package smap.analytics.domain.analysis;

/** The seven intents of facts 11.2, with their priorities; SPAM and SEEDING posts are skipped. */
public enum Intent {
  CRISIS(10),
  SEEDING(9),
  SPAM(9),
  COMPLAINT(7),
  LEAD(5),
  SUPPORT(4),
  DISCUSSION(1);

  private final int priority;

  Intent(int priority) {
    this.priority = priority;
  }

  public int priority() {
    return priority;
  }

  /** True for the intents whose posts are not analysed further. */
  public boolean skipped() {
    return this == SPAM || this == SEEDING;
  }
}
