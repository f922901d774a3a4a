# Sourced by ./mvnw and .ci/run: make JAVA_HOME point at a JDK of 21 or newer.
# Keeps a JAVA_HOME that is already new enough; otherwise picks the newest JDK found
# in the usual install folders. Prints nothing unless it fails.
smap_java_major() { # $1 = a java binary; prints its major version
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | sed 's/^1\.//' | head -n 1
}
smap_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(smap_java_major "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then return 0; fi
  fi
  best=""; best_v=0
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(smap_java_major "$d/bin/java")
    [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(smap_java_major "$d/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then best="$d"; fi
  fi
  if [ -z "$best" ]; then
    echo "smap-analytics needs a JDK 21 or newer; none found (JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm). Install one, e.g. apt-get install openjdk-21-jdk-headless (or temurin-21-jdk)." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
smap_find_jdk || exit 1
