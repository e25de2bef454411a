#!/usr/bin/env bash
# The public results pages on the database the replay benchmark leaves behind (bench/README.md): starts Electora on
# target/bench/replay/pg, then times each page's first view, its later views rendered, and its reloads answered 304
# (If-None-Match), and the heap the pages keep (the parsed snapshot and the map's stations).
# Usage: bench/replay.sh --skip-import  (once), then bench/pages.sh [--views=5]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
VIEWS=5
for arg in "$@"; do
  case "$arg" in
    --views=*) VIEWS="${arg#--views=}" ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
DIR=target/bench/replay
[[ -d "$DIR/pg" ]] || { echo "no $DIR/pg: run bench/replay.sh --skip-import first" >&2; exit 2; }
./mvnw -q -DskipTests package
JAR=$(ls target/electora-*.jar | grep -v original | head -1)
PORT=18091
BASE="http://127.0.0.1:$PORT"
"$JAVA" -Xmx1g -jar "$JAR" --electora.demo.shape=NONE --electora.embedded-postgres.data-dir="$DIR/pg" \
  --electora.embedded-postgres.port=54396 --server.port=$PORT > "$DIR/pages-app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -sf "$BASE/actuator/health" > /dev/null 2>&1 && break
  kill -0 $APP 2>/dev/null || { echo "Electora exited; see $DIR/pages-app.log" >&2; exit 1; }
  sleep 1
done
# On start the scheduler publishes what arrived after the last snapshot (within electora.publication.interval, 30 s):
# let that happen before timing, so that no page parses a newer snapshot half-way.
sleep 40
ELECTION=$(curl -s -o /dev/null -w "%{redirect_url}" "$BASE/results" | sed 's#.*/elections/##')
[[ -n "$ELECTION" ]] || { echo "no election with published results in $DIR/pg" >&2; exit 1; }

heap() { # heap in use after a full collection, MiB
  "$(dirname "$JAVA")/jcmd" $APP GC.run > /dev/null
  curl -s "$BASE/actuator/prometheus" | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {s += $NF} END {printf "%.0f", s / 1048576}'
}
ms() { curl -s -o /dev/null -w "%{time_total}" "$@" | awk '{printf "%.0f", $1 * 1000}'; }
median() { tr ' ' '\n' | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

BEFORE=$(heap)
R="$BASE/results/elections/$ELECTION"
# The baseline the cached snapshot is compared with: the first view after start parses the whole snapshot.
PARSE=$(ms --compressed "$R?lang=en")
REGION=$(curl -s "$R?lang=en" | grep -o '/regions/[^?"]*' | head -1)
CONSTITUENCY=$(curl -s "$R$REGION?lang=en" | grep -o '/constituencies/[^?"]*' | head -1)
STATION=$(curl -s "$R$CONSTITUENCY?lang=en" | grep -o '/stations/[^?"]*' | head -1)
echo "Public results pages of election $ELECTION on $DIR/pg ($VIEWS views each, median)"
echo "first view of the national page after start (parses the snapshot): $PARSE ms"
printf "%-42s %12s %12s %12s\n" page "first view" rendered "304 reload"
for page in "" /turnout "$REGION" "/turnout?region=${REGION#/regions/}" "$CONSTITUENCY" "$STATION" /abroad /corrections; do
  url="$R$page"; [[ "$url" == *\?* ]] && url="$url&lang=en" || url="$url?lang=en"
  first=$(ms --compressed "$url")
  rendered=$(for _ in $(seq 1 "$VIEWS"); do ms --compressed "$url"; echo -n " "; done | median)
  etag=$(curl -s -o /dev/null -D - "$url" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
  reload=$(for _ in $(seq 1 "$VIEWS"); do ms --compressed -H "If-None-Match: $etag" "$url"; echo -n " "; done | median)
  printf "%-42s %9s ms %9s ms %9s ms\n" "${page:-/ (national)}" "$first" "$rendered" "$reload"
done
echo "heap in use after a full GC: $BEFORE MiB before the first page, $(heap) MiB after (the parsed snapshot, the map's stations)"
