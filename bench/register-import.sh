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
./mvnw -q package -DskipTests -Dmaven.test.skip=true
JAR="$(ls target/electora-*.jar | grep -v original | head -1)"
source bench/jdk.sh
"$JAVA" -Xmx1g -jar "$JAR" \
  --server.port=0 \
  --electora.embedded-postgres.data-dir="$WORK/pg" \
  --electora.embedded-postgres.port=54349 \
  --electora.registry.bench="$N" \
  --electora.demo.register-sample=0 \
  --electora.registry.import-file="$WORK/register-$N.csv" \
  --logging.level.root=WARN --logging.level.org.electora.registry=INFO
rm -f "$WORK/register-$N.csv"
