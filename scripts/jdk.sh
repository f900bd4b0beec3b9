# Sourced by the j8s scripts: selects a JDK >= 21 (the machine's default java may be older).
j8s_select_jdk() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
                   /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export J8S_JAVA_MAJOR="${version%%.*}"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "j8s: no JDK 21 or newer found under /usr/lib/jvm (install one, e.g. apt-get install openjdk-21-jdk-headless)" >&2
  return 1
}
