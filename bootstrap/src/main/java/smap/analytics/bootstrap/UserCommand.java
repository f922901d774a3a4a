package smap.analytics.bootstrap;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import smap.analytics.adapter.web.console.ConsoleUser;

/**
 * {@code user add NAME --role viewer|operator}: reads a password (a prompt without echo on a
 * terminal, else the first line of standard input), checks it against bcrypt's 72-byte limit and
 * prints the {@code CONSOLE_USERS} entry {@code NAME:role:bcrypt-hash}.
 */
final class UserCommand {

  static final String USAGE =
      "usage: smap-analytics user add NAME --role viewer|operator"
          + " (password from a prompt, or the first line of standard input)";
  static final int MAX_PASSWORD_BYTES = 72;

  private UserCommand() {}

  /** Runs it; returns the exit code. {@code console} is null when stdin is not a terminal. */
  static int run(
      List<String> args, InputStream in, Console console, PrintStream out, PrintStream err) {
    if (args.size() != 4 || !args.get(0).equals("add") || !args.get(2).equals("--role")) {
      err.println(USAGE);
      return Main.EXIT_USAGE;
    }
    String name = args.get(1);
    String role = args.get(3).toLowerCase(Locale.ROOT);
    String problem = nameProblem(name);
    if (problem == null && !role.equals("viewer") && !role.equals("operator")) {
      problem = "--role must be viewer or operator, got '" + args.get(3) + "'";
    }
    if (problem != null) {
      err.println("smap-analytics: " + problem);
      return Main.EXIT_USAGE;
    }
    String password;
    try {
      password = console != null ? prompt(console, name) : firstLine(in);
    } catch (IOException e) {
      err.println("smap-analytics: could not read the password: " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
    problem = passwordProblem(password);
    if (problem != null) {
      err.println("smap-analytics: " + problem);
      return Main.EXIT_USAGE;
    }
    out.println(name + ":" + role + ":" + ConsoleUser.hash(password));
    err.println(
        "smap-analytics: add this entry to CONSOLE_USERS (comma-separated; quote it, the hash"
            + " holds '$').");
    return 0;
  }

  /**
   * The terminal, or null when standard input is not one (since JDK 22 {@code System.console()}
   * also answers for redirected input; {@code isTerminal()} tells them apart).
   */
  static Console terminal() {
    Console console = System.console();
    if (console == null) {
      return null;
    }
    try {
      Object terminal = Console.class.getMethod("isTerminal").invoke(console);
      return Boolean.TRUE.equals(terminal) ? console : null;
    } catch (ReflectiveOperationException e) {
      return console; // JDK 21: a console exists only for a terminal
    }
  }

  static String nameProblem(String name) {
    if (name.isEmpty() || name.length() > 64) {
      return "the user name must have 1 to 64 characters";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == ':' || c == ',' || Character.isWhitespace(c) || Character.isISOControl(c)) {
        return "the user name must not contain ':', ',', spaces or control characters";
      }
    }
    return null;
  }

  static String passwordProblem(String password) {
    if (password == null || password.isEmpty()) {
      return "the password is empty";
    }
    if (password.indexOf('\0') >= 0) {
      return "the password contains a NUL character";
    }
    int bytes = password.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_PASSWORD_BYTES) {
      return "the password has "
          + bytes
          + " bytes in UTF-8; bcrypt reads at most "
          + MAX_PASSWORD_BYTES
          + ", so choose a shorter one";
    }
    return null;
  }

  private static String prompt(Console console, String name) throws IOException {
    char[] first = console.readPassword("Password for %s: ", name);
    char[] again = console.readPassword("Again: ");
    if (first == null || again == null) {
      throw new IOException("no password given");
    }
    try {
      if (!Arrays.equals(first, again)) {
        throw new IOException("the two passwords differ");
      }
      return new String(first);
    } finally {
      Arrays.fill(first, '\0');
      Arrays.fill(again, '\0');
    }
  }

  private static String firstLine(InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line == null) {
      throw new IOException("standard input is empty");
    }
    return line;
  }
}
