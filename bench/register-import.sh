#!/usr/bin/env bash
# Register import benchmark (issue 4): generates N synthetic voters (default 10,000,000) into a CSV, imports it
# through the real import path (COPY to staging, whole-file validation in SQL, one upsert transaction), then COPYs
# the same file into a table with the voter table's columns and indexes, and prints both times, the ratio
# (target <= 1.5) and the JVM's peak heap. Uses its own embedded PostgreSQL under target/bench-register/pg.
#
#   bench/register-import.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000000}"
WORK="target/bench-register"
mkdir -p "$WORK"
rm -rf "$WORK/pg"
./mvnw -q -o package -DskipTests -Dmaven.test.skip=true
JAR="$(ls target/electora-*.jar | grep -v original | head -1)"
JAVA=""
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  if [[ -n "$candidate" && -x "$candidate/bin/java" ]] \
     && "$candidate/bin/java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then
    JAVA="$candidate"; break
  fi
done
[[ -n "$JAVA" ]] || { echo "needs a JDK >= 21 under /usr/lib/jvm or JAVA_HOME" >&2; exit 1; }
"$JAVA/bin/java" -Xmx1g -jar "$JAR" \
  --server.port=0 \
  --electora.embedded-postgres.data-dir="$WORK/pg" \
  --electora.embedded-postgres.port=54349 \
  --electora.registry.bench="$N" \
  --electora.registry.import-file="$WORK/register-$N.csv" \
  --logging.level.root=WARN --logging.level.org.electora.registry=INFO
rm -f "$WORK/register-$N.csv"
