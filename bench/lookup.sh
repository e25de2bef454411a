#!/usr/bin/env bash
# "Where do I vote?" under load (issue 4, bench/README.md): builds Electora, then runs org.electora.bench.LookupBenchmark
# with the application jar's own libraries (Spring Boot's PropertiesLauncher) and the compiled test classes.
# Usage: bench/lookup.sh [--voters=100000] [--demo=FULL|SMALL] [--rate=500] [--seconds=60] [--warmup=10]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
./mvnw -q -DskipTests package
JAR=$(ls target/electora-*.jar | grep -v original | head -1)
exec "$JAVA" -cp "$JAR" -Dloader.path=target/test-classes -Dloader.main=org.electora.bench.LookupBenchmark \
  org.springframework.boot.loader.launch.PropertiesLauncher --java="$JAVA" --jar="$JAR" "$@"
