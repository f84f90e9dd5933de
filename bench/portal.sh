#!/usr/bin/env bash
# Portal benchmark (issue 25 §1, ADR 0057): starts the app built in this tree (Release) on its own state folder with the real
# 2017 CNIPA file as the demo records (215k), waits for the import and the indicator computation, then measures
#   - GetPortalHome: the first answer (cache miss: the whole home built) and the median of 20 answers after it (curl);
#   - the home's first paint and the time until the figures are in the DOM, in headless Chromium (5 cold browser runs).
# Prints the figures for docs/benchmarks.md. Run through zslot:  zslot bench/portal.sh
# Environment: ZHICHAN_DATA (default ../shared/data), ZHICHAN_BENCH_TMP (default /tmp/zhichan-portal-bench; its state is reused).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA=$(cd "${ZHICHAN_DATA:-$ROOT/../shared/data}" && pwd)
TMP=${ZHICHAN_BENCH_TMP:-/tmp/zhichan-portal-bench}
mkdir -p "$TMP"
API=$ROOT/src/Zhichan.Api/bin/Release/net10.0/Zhichan.Api.dll
[[ -f $API ]] || { echo "build first: dotnet build Zhichan.slnx -c Release" >&2; exit 1; }
[[ -f $ROOT/src/Zhichan.Api/wwwroot/index.html ]] || { echo "build the web first: cd web && npm run build" >&2; exit 1; }
free_port() { local p=$1; while ss -ltnH | awk '{print $4}' | grep -q ":$p\$"; do p=$((p + 1)); done; echo "$p"; }
PG_PORT=$(free_port $((27400 + RANDOM % 300)))
HTTP_PORT=$(free_port $((27800 + RANDOM % 300)))
URL=http://127.0.0.1:$HTTP_PORT
APP=""
start() {
  ( cd "$ROOT/src/Zhichan.Api" && ZHICHAN_STATE_DIR="$TMP/state" ZHICHAN_PG_PORT=$PG_PORT ZHICHAN_DATA="$DATA" ZHICHAN_PUBLIC_RATE=100000000 \
      exec dotnet "$API" --urls "$URL" ) >> "$TMP/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 900); do curl -sf "$URL/healthz" >/dev/null && return 0; kill -0 $APP || { tail -20 "$TMP/app.log"; exit 1; }; sleep 1; done
  echo "the app did not start" >&2; exit 1
}
stop() { kill -TERM $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; }
trap stop EXIT
start
echo "app up on $URL; waiting for the 2017 import and the indicators"
for _ in $(seq 1 1800); do
  n=$(curl -sf "$URL/api/public/portal/home" | jq '[.figures[] | select(.code == "invention_applications") | .series | length] | first // 0' || echo 0)
  [[ ${n:-0} -gt 0 ]] && break
  sleep 2
done
# settled: the last computation is the same 30 s apart (the import's batches recompute incrementally)
prev=""
for _ in $(seq 1 120); do
  cur=$(curl -sf "$URL/api/public/portal/home" | jq -r '.computedAt')
  [[ -n $prev && $cur == "$prev" ]] && break
  prev=$cur; sleep 30
done
# a fresh process: the first answer builds the home (cache miss), the next 20 are served by key
stop
start
first=$(curl -s -o /dev/null -w '%{time_total}' "$URL/api/public/portal/home")
times=$(for _ in $(seq 1 20); do curl -s -o /dev/null -w '%{time_total}\n' "$URL/api/public/portal/home"; done | sort -n)
median=$(echo "$times" | awk '{a[NR]=$1} END {print (a[10]+a[11])/2}')
max=$(echo "$times" | tail -1)
bytes=$(curl -s "$URL/api/public/portal/home" | wc -c)
echo "GetPortalHome: first (new process, cache miss)=${first}s median20=${median}s max=${max}s size=${bytes}B"
node --experimental-websocket --no-warnings "$ROOT/bench/portal/first-paint.mjs" "$URL/" "[data-testid=figure-invention_applications]" 5 | tee "$TMP/paint.jsonl"
jq -s '{fcpMedian: (map(.fcp) | sort | .[length/2|floor]), readyMedian: (map(.ready) | sort | .[length/2|floor]), transferKb: .[0].transferKb}' "$TMP/paint.jsonl"
