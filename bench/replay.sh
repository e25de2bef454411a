#!/usr/bin/env bash
# The results benchmark (bench/README.md): builds Electora, then runs org.electora.bench.ReplayBenchmark with the
# application jar's own libraries (Spring Boot's PropertiesLauncher) and the compiled test classes.
# Usage: bench/replay.sh [--file=<2018-president-uik.csv>] [--clients=8] [--skip-import] [--limit=N] [--statements] [--java=<jdk>/bin/java]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
./mvnw -q -DskipTests package
JAR=$(ls target/electora-*.jar | grep -v original | head -1)
exec "$JAVA" -cp "$JAR" -Dloader.path=target/test-classes -Dloader.main=org.electora.bench.ReplayBenchmark \
  org.springframework.boot.loader.launch.PropertiesLauncher --java="$JAVA" --jar="$JAR" "$@"
