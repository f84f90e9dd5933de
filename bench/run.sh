#!/usr/bin/env bash
# Benchmarks of the records data centre (issue 5): import, attribution coverage, search latency at 215k and 5M records,
# SQLite FTS5 side by side. Writes docs/benchmarks.md and raw JSON to bench/results/ (git-ignored).
#
#   bench/run.sh            full run (215k: 3 import runs, 3 search passes; then 5M synthetic records; ~30-40 min)
#   bench/run.sh --quick    smoke check: 215k only, one import run, one search pass (a few minutes)
#   bench/run.sh --reuse-5m reuse the 5M database of an earlier run when its import finished (skips generating and importing 5M)
#   bench/run.sh --navigation --reuse-5m   the navigation analyses on the 5M database of an earlier --only-5m-import
#   bench/run.sh --only-5m-import   only generate and import the 5M records (for a later --reuse-5m run), no report
#   bench/run.sh --reuse-5m --skip-215k   only the 5M phase, keeping the 215k results of the last run; then the report
#   bench/run.sh --legal-status  only the 2017 import (1 run, with COPY baselines), then the legal-status file 3 times into that
#                                database, a re-import, and the 2017 import again with every event pending; no report (ADR 0017)
#   bench/run.sh --entities     only the 2017 import (1 run), then the resolution of its applicants to entities (3 runs) and the
#                                entity page; writes docs/benchmarks-registries-entities.md (issue 21, ADR 0023)
#   bench/run.sh --watches      only the watches: 20,000 real rows as the stock, 1,000 watches, then 3 imports of 10,000 more rows,
#                                each followed by the evaluation job; writes docs/benchmarks-watches.md (issue 24, ADR 0047)
#   bench/run.sh --navigation   only patent navigation: the 2017 file, a project on ~20,000 records (IPC G06), all analyses and the
#                                DOCX export timed; writes docs/benchmarks-navigation.md (issue 24 §1, ADR 0050, 0051)
#
# Environment: ZHICHAN_DATA (default ../shared/data), ZHICHAN_BENCH_TMP (default /tmp/zhichan-bench: databases, CSV, SQLite files),
# ZHICHAN_BENCH_ROWS (synthetic rows, default 5000000), ZHICHAN_BENCH_5M_MAX_MINUTES (stop loading chunks after this, default 25),
# ZHICHAN_BENCH_5M_PASSES (measured search passes at 5M, default 1), ZHICHAN_BENCH_SQLITE_5M=1 (FTS5 at 5M too: builds a ~3 GB index),
# ZHICHAN_BENCH_KEEP_SNAPSHOT=1 (reuse the previous run's snapshot of HEAD instead of taking a new one),
# ZHICHAN_BENCH_5M_VIA_API=1 (import the 5M chunks through the HTTP API instead of the in-process writer path; far slower here),
# ZHICHAN_BENCH_5M_RECOMPUTE_RUNS (indicator recomputation runs at 5M, default 3; 0 skips it).
# The page answers of issues 20 and 21 alone (cockpit, 考核总览, 指标数值, audit log, the registers), against a running app with the 2017 file:
#   dotnet bench/Zhichan.Bench/bin/Release/net10.0/Zhichan.Bench.dll pages --label 215k --runs 20 --url URL --state STATE_DIR \
#     --pg-port PORT --password DEMO_PASSWORD --results bench/results
# The indicator recomputation alone, against a running app (any data set):
#   dotnet bench/Zhichan.Bench/bin/Release/net10.0/Zhichan.Bench.dll recompute --label 215k --runs 3 --url URL --state STATE_DIR \
#     --pg-port PORT --password BUREAU_PASSWORD --results bench/results --data ../shared/data --tmp /tmp
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# run from a copy: bash reads a script as it goes, so editing bench/run.sh during a run would break the run
if [[ -z "${ZHICHAN_BENCH_COPY:-}" ]]; then
  COPY=$(mktemp /tmp/zhichan-bench-run.XXXXXX.sh)
  cp "$ROOT/bench/run.sh" "$COPY"
  ZHICHAN_BENCH_COPY=$COPY ZHICHAN_BENCH_ROOT=$ROOT exec bash "$COPY" "$@"
fi
ROOT=${ZHICHAN_BENCH_ROOT:-$ROOT}
cd "$ROOT"

QUICK=0; REUSE5M=0; ONLY5M=0; SKIP215=0; LEGAL=0; ENTITIES=0; WATCHES=0; NAVIGATION=0
for a in "$@"; do
  case "$a" in
    --quick) QUICK=1 ;;
    --reuse-5m) REUSE5M=1 ;;
    --only-5m-import) ONLY5M=1 ;;
    --skip-215k) SKIP215=1 ;;
    --legal-status) LEGAL=1; QUICK=1 ;;
    --entities) ENTITIES=1; QUICK=1 ;;
    --watches) WATCHES=1; QUICK=1 ;;
    --navigation) NAVIGATION=1; QUICK=1 ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) echo "unknown option: $a" >&2; exit 2 ;;
  esac
done

DATA=${ZHICHAN_DATA:-$ROOT/../shared/data}
DATA=$(cd "$DATA" && pwd)
TMP=${ZHICHAN_BENCH_TMP:-/tmp/zhichan-bench}
ROWS=${ZHICHAN_BENCH_ROWS:-5000000}
RESULTS=$ROOT/bench/results
PASSWORD=Bench-$(date +%s)-pw
mkdir -p "$RESULTS" "$TMP"
chmod 755 "$TMP"
STARTED=$(date -u +%s)
log() { echo "[bench $(date +%H:%M:%S)] $*"; }

if [[ ! -f "$DATA/patents/cn-invention-2017.csv.gz" ]]; then
  echo "missing $DATA/patents/cn-invention-2017.csv.gz (set ZHICHAN_DATA to the shared data folder)" >&2; exit 1
fi
if ! command -v sqlite3 >/dev/null; then
  log "installing sqlite3"
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y sqlite3 >/dev/null || { apt-get update >/dev/null && apt-get install -y sqlite3 >/dev/null; }
  else sudo apt-get install -y sqlite3 >/dev/null; fi
fi

# Benchmark the committed code (HEAD), built from a snapshot: the working tree is shared with engineers whose half-done
# changes may not build or start. The benchmark project itself comes from the working tree. ZHICHAN_BENCH_TREE=1: use the tree.
COMMIT=$(git rev-parse --short HEAD)
if [[ "${ZHICHAN_BENCH_TREE:-0}" == 1 ]]; then
  SRC=$ROOT; SOURCE_NOTE="working tree at $COMMIT (with uncommitted changes)"
else
  SRC=$TMP/snapshot
  if [[ "${ZHICHAN_BENCH_KEEP_SNAPSHOT:-0}" == 1 && -f "$SRC/.commit" ]]; then
    COMMIT=$(cat "$SRC/.commit")   # the same code as the previous run (e.g. its 5M phase run separately)
  else
    rm -rf "$SRC"; mkdir -p "$SRC/bench"
    git archive HEAD src db Directory.Build.props Directory.Packages.props global.json | tar -x -C "$SRC"
    echo "$COMMIT" > "$SRC/.commit"
  fi
  rm -rf "$SRC/bench/Zhichan.Bench"/*.cs
  tar -C "$ROOT/bench" --exclude=bin --exclude=obj -cf - Zhichan.Bench fts5_time.py | tar -x -C "$SRC/bench"
  SOURCE_NOTE="commit $COMMIT (git archive HEAD, built in $SRC)"
fi
BENCH_DLL=$SRC/bench/Zhichan.Bench/bin/Release/net10.0/Zhichan.Bench.dll
API_DIR=$SRC/src/Zhichan.Api
log "building (Release) the $SOURCE_NOTE"
if ! dotnet build "$SRC/bench/Zhichan.Bench/Zhichan.Bench.csproj" -c Release -nologo -v q -p:OpenApiGenerateDocuments=false > "$TMP/build.log" 2>&1; then
  grep -E " error " "$TMP/build.log" | sort -u | head -5 >&2 || true
  echo "build failed ($SOURCE_NOTE); see $TMP/build.log" >&2; exit 1
fi
echo "$SOURCE_NOTE" > "$RESULTS/build-note.txt"

free_port() {
  local p=$1
  while ss -ltnH 2>/dev/null | awk '{print $4}' | grep -q ":$p\$"; do p=$((p + 1)); done
  echo "$p"
}

APP_PID=""
STATE=""
start_app() { # label state-dir
  local label=$1; STATE=$2
  PG_PORT=$(free_port $((25400 + RANDOM % 500)))
  HTTP_PORT=$(free_port $((26400 + RANDOM % 500)))
  APP_LOG=$TMP/app-$label.log
  : > "$APP_LOG"
  # the benchmark signs in once and sends thousands of searches: the per-user rate limits (ADR 0014) are lifted for it;
  # the search answer cache (ADR 0068) is off — its warm-up pass would otherwise fill it and the measured pass time cache hits
  ( cd "$API_DIR" && ZHICHAN_STATE_DIR="$STATE" ZHICHAN_PG_PORT=$PG_PORT ZHICHAN_DATA="$DATA" ZHICHAN_DEMO_RECORDS=0 ZHICHAN_SEARCH_CACHE_ENTRIES=0 \
      ZHICHAN_USER_SEARCH_RATE=100000000 ZHICHAN_USER_EXPORT_RATE=100000000 ZHICHAN_USER_WRITE_RATE=100000000 ZHICHAN_PUBLIC_RATE=100000000 \
      ZHICHAN_DEMO_PASSWORD="$PASSWORD" exec dotnet bin/Release/net10.0/Zhichan.Api.dll --urls "http://127.0.0.1:$HTTP_PORT" ) >>"$APP_LOG" 2>&1 &
  APP_PID=$!
  URL=http://127.0.0.1:$HTTP_PORT
  for _ in $(seq 1 900); do
    if curl -sf "$URL/healthz" >/dev/null 2>&1; then log "app ($label) up on $URL, PostgreSQL on $PG_PORT, state $STATE"; return 0; fi
    kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$APP_LOG" >&2; echo "the app exited" >&2; exit 1; }
    sleep 1
  done
  tail -30 "$APP_LOG" >&2; echo "the app did not answer /healthz within 15 minutes (migrations on a large database build indexes)" >&2; exit 1
}
stop_app() {
  [[ -n "$APP_PID" ]] || return 0
  kill -TERM "$APP_PID" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
  kill -KILL "$APP_PID" 2>/dev/null || true
  APP_PID=""
  # the app stops the cluster it started; make sure of it (pg_ctl runs as the owner of the data folder)
  if [[ -f "$STATE/pg/postmaster.pid" ]]; then
    local owner; owner=$(stat -c %U "$STATE/pg")
    local pgctl; pgctl=$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1)
    if [[ -n "$pgctl" ]]; then
      if [[ $(id -un) == "$owner" ]]; then "$pgctl" -D "$STATE/pg" -m fast -w stop >/dev/null 2>&1 || true
      else runuser -u "$owner" -- "$pgctl" -D "$STATE/pg" -m fast -w stop >/dev/null 2>&1 || true; fi
    fi
  fi
}
trap stop_app EXIT

bench() { dotnet "$BENCH_DLL" "$@" --url "$URL" --state "$STATE" --pg-port "$PG_PORT" --password "$PASSWORD" --results "$RESULTS" --data "$DATA" --tmp "$TMP"; }

[[ $ONLY5M -eq 1 || $SKIP215 -eq 1 ]] || rm -f "$RESULTS"/import-*.json "$RESULTS"/search-*.json "$RESULTS"/sqlite-*.json "$RESULTS"/recompute-*.json
RUNS=3; PASSES=3
[[ $QUICK -eq 1 ]] && { RUNS=1; PASSES=1; }

# machine
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ $ONLY5M -eq 1 || $SKIP215 -eq 1 ]] || cat > "$RESULTS/machine.json" <<EOF
{"date": "$(date -u '+%Y-%m-%d %H:%M UTC')", "nproc": $(nproc), "memGiB": $(free -g | awk '/^Mem:/{print $2}'),
 "cpu": "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)", "kernel": "$(uname -r)",
 "postgres": "$("$PG_BIN/postgres" --version)", "dotnet": "$(dotnet --version)", "sqlite": "$(sqlite3 --version | cut -d' ' -f1)",
 "commit": "$COMMIT", "source": "$SOURCE_NOTE", "command": "bench/run.sh $*", "quick": $([[ $QUICK -eq 1 ]] && echo true || echo false),
 "loadBefore": "$(cut -d' ' -f1-3 /proc/loadavg)"}
EOF

if [[ $WATCHES -eq 1 ]]; then
  rm -rf "$TMP/state-watches"
  start_app watches "$TMP/state-watches"
  log "watches: 1,000 watches evaluated after each of 3 imports of 10,000 real rows (docs/benchmarks-watches.md)"
  bench watches --runs 3 --watches 1000 --batch 10000 --base 20000 --doc "$ROOT/docs/benchmarks-watches.md"
  stop_app
  log "done in $(( $(date -u +%s) - STARTED )) s: docs/benchmarks-watches.md"
  exit 0
fi

if [[ $NAVIGATION -eq 1 && $REUSE5M -eq 1 ]]; then
  [[ -f "$TMP/state-5m/import-done.json" ]] || { echo "no finished 5M database in $TMP/state-5m: run bench/run.sh --only-5m-import first (~20 min)" >&2; exit 1; }
  start_app 5m "$TMP/state-5m"
  log "navigation at 5M: all analyses of a ~20,000-record scope and its DOCX export (docs/benchmarks-navigation.md, section 'At 5M records')"
  bench navigation --label 5m --runs 3 --ipc G06F --scope 20000 --doc "$ROOT/docs/benchmarks-navigation.md"
  stop_app
  log "done in $(( $(date -u +%s) - STARTED )) s: docs/benchmarks-navigation.md"
  exit 0
fi
if [[ $NAVIGATION -eq 1 ]]; then
  rm -rf "$TMP/state-navigation"
  start_app navigation "$TMP/state-navigation"
  log "navigation: all analyses of a ~20,000-record scope and its DOCX export at 215k (docs/benchmarks-navigation.md)"
  bench navigation --runs 5 --ipc G06 --from 1990 --to 2017 --doc "$ROOT/docs/benchmarks-navigation.md"
  stop_app
  log "done in $(( $(date -u +%s) - STARTED )) s: docs/benchmarks-navigation.md"
  exit 0
fi

if [[ $ONLY5M -eq 0 && $SKIP215 -eq 0 ]]; then
# ---- 215k: the real 2017 file ------------------------------------------------------------------------------------------
rm -rf "$TMP/state-215k"
start_app 215k "$TMP/state-215k"
log "import: $RUNS run(s) of the 2017 file through the API, with COPY baselines"
bench import --label 215k --runs "$RUNS" --app-log "$APP_LOG"
if [[ $ENTITIES -eq 1 ]]; then
  log "entities: resolution of the 2017 applicants (3 runs) and the entity page (docs/benchmarks-registries-entities.md)"
  bench entities --label 215k --runs 3 --page-runs 20 --commit "$COMMIT" --doc "$ROOT/docs/benchmarks-registries-entities.md"
  stop_app
  log "done in $(( $(date -u +%s) - STARTED )) s: bench/results/entities-215k.json, docs/benchmarks-registries-entities.md"
  exit 0
fi
if [[ $LEGAL -eq 1 ]]; then
  log "legal-status: 3 runs of the legal-status file into the database holding the 2017 file, a re-import, the 2017 import with pending events"
  bench legal-status --label 215k --runs 3
  stop_app
  log "done in $(( $(date -u +%s) - STARTED )) s: bench/results/import-215k.json, bench/results/legal-status-215k.json"
  exit 0
fi
log "search latency at 215k ($PASSES pass(es))"
bench search --label 215k --passes "$PASSES" --regenerate
log "SQLite FTS5 side by side at 215k"
bench sqlite --label 215k --passes "$PASSES"
log "indicator recomputation at 215k: full and incremental after a small import ($RUNS run(s) each, with the COUNT GROUP BY baseline)"
bench recompute --label 215k --runs "$RUNS"
log "page answers at 215k as bureau, district, department and admin (docs/benchmarks-pages.md)"
bench pages --label 215k --runs $([[ $QUICK -eq 1 ]] && echo 5 || echo 20)
stop_app
fi

# ---- 5M synthetic records -------------------------------------------------------------------------------------------------
if [[ $QUICK -eq 0 ]]; then
  SYN=$TMP/synthetic-$ROWS
  if [[ ! -f "$SYN/manifest.json" ]]; then
    log "generating $ROWS synthetic records into $SYN"
    dotnet "$BENCH_DLL" gen --rows "$ROWS" --chunk 500000 --out "$SYN" --data "$DATA"
  fi
  if [[ $REUSE5M -eq 1 && -d "$TMP/state-5m" && ! -f "$TMP/state-5m/import-done.json" ]]; then
    log "waiting (up to 40 min) for the 5M load of a concurrent --only-5m-import run to finish"
    for _ in $(seq 1 2400); do
      [[ -f "$TMP/state-5m/import-done.json" && ! -f "$TMP/state-5m/pg/postmaster.pid" ]] && break
      sleep 1
    done
  fi
  if [[ $REUSE5M -eq 1 && -f "$TMP/state-5m/import-done.json" ]]; then
    while [[ -f "$TMP/state-5m/pg/postmaster.pid" ]]; do sleep 1; done
    log "reusing the 5M database of an earlier run ($TMP/state-5m)"
    start_app 5m "$TMP/state-5m"
    cp "$TMP/state-5m/import-done.json" "$RESULTS/import-5m.json"
  else
    rm -rf "$TMP/state-5m"
    start_app 5m "$TMP/state-5m"
    if [[ "${ZHICHAN_BENCH_5M_VIA_API:-0}" == 1 ]]; then
      log "importing $ROWS synthetic records through the API"
      bench import-files --label 5m --dir "$SYN" --max-minutes "${ZHICHAN_BENCH_5M_MAX_MINUTES:-25}"
    else
      log "loading $ROWS synthetic records with the import's writer code path (in process, GIN indexes rebuilt after)"
      bench load-synthetic --label 5m --dir "$SYN" --max-minutes "${ZHICHAN_BENCH_5M_MAX_MINUTES:-25}"
    fi
    cp "$RESULTS/import-5m.json" "$TMP/state-5m/import-done.json"
  fi
  if [[ $ONLY5M -eq 1 ]]; then stop_app; log "5M import done: $TMP/state-5m (use --reuse-5m)"; exit 0; fi
  PASSES5M=${ZHICHAN_BENCH_5M_PASSES:-1}
  log "search latency at 5M ($PASSES5M measured pass(es) after the warm-up pass)"
  bench search --label 5m --passes "$PASSES5M"
  if [[ "${ZHICHAN_BENCH_SQLITE_5M:-0}" == 1 ]]; then
    log "SQLite FTS5 side by side at 5M (speed only)"
    bench sqlite --label 5m --passes "$PASSES5M" --speed-only
  fi
  if [[ "${ZHICHAN_BENCH_5M_RECOMPUTE_RUNS:-3}" -gt 0 ]]; then
    log "indicator recomputation at 5M: full and incremental (${ZHICHAN_BENCH_5M_RECOMPUTE_RUNS:-3} run(s) each)"
    bench recompute --label 5m --runs "${ZHICHAN_BENCH_5M_RECOMPUTE_RUNS:-3}"
  fi
  stop_app
fi

if [[ $SKIP215 -eq 0 ]]; then
  log "attribution coverage and precision of the county rules, industry weights (in process, the 2017 file)"
  dotnet "$BENCH_DLL" attribution --data "$DATA" --results "$RESULTS" --out "$ROOT/docs/benchmarks-attribution.md" \
    --findings "$ROOT/bench/findings-attribution.md"
  log "import integrity checks: the gzip trailer and strict whole-file decoding against plain unpacking and CSV reading (the 2017 file)"
  dotnet "$BENCH_DLL" decode --data "$DATA" --out "$ROOT/docs/benchmarks-import-integrity.md"
fi
dotnet "$BENCH_DLL" report --results "$RESULTS" --out "$ROOT/docs/benchmarks.md" --elapsed $(( $(date -u +%s) - STARTED ))
log "done in $(( $(date -u +%s) - STARTED )) s: docs/benchmarks.md, raw JSON in bench/results/"
