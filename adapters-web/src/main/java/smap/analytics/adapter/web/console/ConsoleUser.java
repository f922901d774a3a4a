package smap.analytics.adapter.web.console;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A console user: name, role and bcrypt password hash (from CONSOLE_USERS). */
public record ConsoleUser(String name, Role role, String passwordHash) {

  /** What a user may do: viewers read; operators also replay and change flags. */
  public enum Role {
    VIEWER,
    OPERATOR
  }

  public ConsoleUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(passwordHash, "passwordHash");
  }

  /** Checks a password in constant time (bcrypt, as the library does it). */
  public boolean accepts(String password) {
    return password != null
        && password.getBytes(StandardCharsets.UTF_8).length <= 72
        && BCrypt.verifyer()
            .verify(
                password.getBytes(StandardCharsets.UTF_8),
                passwordHash.getBytes(StandardCharsets.UTF_8))
            .verified;
  }

  /**
   * A bcrypt hash of {@code password} (cost 10), for configuration and the demo's one-time user.
   */
  public static String hash(String password) {
    return hash(password, 10);
  }

  /** A bcrypt hash of {@code password} with the given cost (4 to 31). */
  public static String hash(String password, int cost) {
    return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
  }

  /** Parses {@code name:role:hash,...}; throws IllegalArgumentException naming the bad entry. */
  public static Map<String, ConsoleUser> parse(String text) {
    Map<String, ConsoleUser> users = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return users;
    }
    int index = 0;
    for (String entry : text.split(",")) {
      index++;
      String[] parts = entry.strip().split(":", 3);
      if (parts.length != 3 || parts[0].isBlank()) {
        throw new IllegalArgumentException("entry " + index + " is not name:role:bcrypt-hash");
      }
      Role role;
      try {
        role = Role.valueOf(parts[1].strip().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "entry "
                + index
                + " ("
                + parts[0]
                + "): role must be viewer or operator, got '"
                + parts[1]
                + "'");
      }
      if (!parts[2].startsWith("$2")) {
        throw new IllegalArgumentException(
            "entry "
                + index
                + " ("
                + parts[0]
                + "): password must be a bcrypt hash ($2a$/$2b$/$2y$...)");
      }
      users.put(parts[0].strip(), new ConsoleUser(parts[0].strip(), role, parts[2].strip()));
    }
    return users;
  }
}
