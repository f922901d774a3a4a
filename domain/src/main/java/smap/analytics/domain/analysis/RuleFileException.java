package smap.analytics.domain.analysis;

/** Failure: a rule file (intent patterns, aspect dictionary, lexicon) is malformed at a line. */
public final class RuleFileException extends RuntimeException {
  private final String file;
  private final int line;

  public RuleFileException(String file, int line, String problem) {
    super(file + ":" + line + ": " + problem);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }
}
