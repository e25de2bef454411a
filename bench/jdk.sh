# Sourced by the bench scripts: sets JAVA to the java of a JDK >= 21 under /usr/lib/jvm (the java on PATH may be
# 17), unless JAVA is already set; exits with a message when there is none.
if [[ -z "${JAVA:-}" ]]; then
  for jdk in /usr/lib/jvm/*; do
    v=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n "s/ *java.specification.version = //p" || true)
    if [[ -n "$v" && "$v" -ge 21 ]]; then JAVA="$jdk/bin/java"; fi
  done
fi
[[ -n "${JAVA:-}" ]] || { echo "needs a JDK >= 21 under /usr/lib/jvm" >&2; exit 1; }
