#!/usr/bin/env bash
# Duplicate detection on a synthetic register with planted duplicates.
# Usage: bench/dedup.sh [people=1000000] [duplicate share=0.02]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec "$JAVA" -Xmx6g -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  org.electora.bench.DedupBenchmark "${1:-1000000}" "${2:-0.02}"
