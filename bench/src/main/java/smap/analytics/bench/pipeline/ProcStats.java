package smap.analytics.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads CPU time and resident memory of processes from Linux's {@code /proc}: the service's own
 * processes, and PostgreSQL's server processes (live backends plus what the postmaster has reaped
 * from exited ones).
 */
public final class ProcStats {

  /** Clock ticks a second of {@code /proc/PID/stat}'s times (USER_HZ, 100 on Linux x86-64). */
  static final long TICKS_PER_SECOND = ticksPerSecond();

  private ProcStats() {}

  /** CPU time of one process (user + system, its reaped children included), in microseconds. */
  public static long cpuMicros(long pid) {
    long[] t = times(pid);
    return t == null ? 0 : ticksToMicros(t[0] + t[1] + t[2] + t[3]);
  }

  /**
   * CPU time of every PostgreSQL server process, in microseconds: each live process's own user and
   * system time, plus the postmaster's reaped-children times (backends that have exited).
   */
  static long postgresCpuMicros() {
    long ticks = 0;
    for (long pid : pidsNamed("postgres")) {
      long[] t = times(pid);
      if (t == null) {
        continue;
      }
      ticks += t[0] + t[1];
      if (!"postgres".equals(comm(parent(pid)))) {
        ticks += t[2] + t[3]; // the postmaster: its exited children
      }
    }
    return ticksToMicros(ticks);
  }

  /**
   * CPU time of a JVM's JIT compiler threads and of its garbage collector's threads, in
   * microseconds ({@code [jit, gc]}), from {@code /proc/PID/task}: threads named "C1/C2
   * CompilerThread" and "GC Thread", "G1 ..." (G1's refinement, marking and service threads). A
   * compiler thread that has exited (the JVM stops idle ones) no longer counts, so the JIT figure
   * is a lower bound.
   */
  static long[] jitAndGcCpuMicros(long pid) {
    long jit = 0;
    long gc = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        String name = threadKind(Files.readString(task.resolve("comm")).strip());
        String[] f = fields(Files.readString(task.resolve("stat")));
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (name.equals("jit")) {
          jit += ticks;
        } else if (name.equals("gc")) {
          gc += ticks;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process or one of its threads is gone: count what was read
    }
    return new long[] {ticksToMicros(jit), ticksToMicros(gc)};
  }

  /** "jit", "gc" or "other" for a HotSpot thread name as {@code /proc} shows it (15 characters). */
  static String threadKind(String comm) {
    if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
      return "jit";
    }
    if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
      return "gc";
    }
    return "other";
  }

  /** Resident set size of a process in bytes (0 when it is gone). */
  static long rssBytes(long pid) {
    return statusKb(pid, "VmRSS:") * 1024;
  }

  /** Peak resident set size of a process in bytes (0 when it is gone). */
  static long peakRssBytes(long pid) {
    return statusKb(pid, "VmHWM:") * 1024;
  }

  static List<Long> pidsNamed(String name) {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries
          .map(p -> p.getFileName().toString())
          .filter(n -> n.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .filter(pid -> name.equals(comm(pid)))
          .forEach(pids::add);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
    }
    return pids;
  }

  private static long ticksToMicros(long ticks) {
    return ticks * 1_000_000L / TICKS_PER_SECOND;
  }

  private static String comm(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
    } catch (IOException e) {
      return "";
    }
  }

  private static long parent(long pid) {
    String[] f = statFields(pid);
    return f == null ? -1 : Long.parseLong(f[1]);
  }

  /** utime, stime, cutime, cstime in ticks, or null when the process is gone. */
  private static long[] times(long pid) {
    String[] f = statFields(pid);
    if (f == null) {
      return null;
    }
    // After "pid (comm)": state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
    return new long[] {
      Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])
    };
  }

  private static String[] statFields(long pid) {
    try {
      return fields(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The fields of a stat line after "pid (comm)": the name may hold spaces and parentheses. */
  private static String[] fields(String stat) {
    return stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
  }

  private static long statusKb(long pid, String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).replace("kB", "").strip());
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return 0;
  }

  private static long ticksPerSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      p.waitFor();
      return Long.parseLong(out);
    } catch (Exception e) {
      return 100;
    }
  }
}
