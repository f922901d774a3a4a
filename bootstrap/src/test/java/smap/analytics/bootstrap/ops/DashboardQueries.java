package smap.analytics.bootstrap.ops;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the metric names out of a dashboard's PromQL expressions. */
final class DashboardQueries {

  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "offset",
          "bool",
          "inf",
          "nan");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private DashboardQueries() {}

  static Set<String> metricNames(String expression) {
    String e =
        expression
            .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"") // string literals
            .replaceAll("\\{[^}]*}", " ") // label matchers
            .replaceAll("\\[[^]]*]", " ") // ranges
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
            .replaceAll("\\$\\w+", " "); // dashboard variables
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(e);
    while (m.find()) {
      String word = m.group();
      int after = m.end();
      while (after < e.length() && e.charAt(after) == ' ') {
        after++;
      }
      boolean function = after < e.length() && e.charAt(after) == '(';
      boolean number = m.start() > 0 && Character.isDigit(e.charAt(m.start() - 1));
      if (!function && !number && !KEYWORDS.contains(word.toLowerCase())) {
        names.add(word);
      }
    }
    return names;
  }
}
