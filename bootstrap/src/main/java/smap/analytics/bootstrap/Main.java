package smap.analytics.bootstrap;

/** Entry point: the smap-analytics command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("smap-analytics");
  }
}
