#!/usr/bin/env bash
# Backup and restore timings on the real 2017 data (issue 26 §5, ADR 0064): a private cluster with WAL archiving in a
# throw-away state folder, the demo import of the 2017 CNIPA file, then ./zhichan.sh backup full, an incremental backup
# after more writes, verify, and a point-in-time restore with the count and checksum of the records compared.
#   bash bench/backup.sh            (needs a Release build: ./zhichan.sh build)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
STATE=${BENCH_STATE:-/tmp/zhichan-backup-bench}
PGPORT=${BENCH_PG_PORT:-5479}
HTTP=${BENCH_HTTP_PORT:-5179}
export ZHICHAN_STATE_DIR=$STATE ZHICHAN_PG_PORT=$PGPORT ZHICHAN_BACKUP_REPO=on ZHICHAN_PG_SHARED_BUFFERS=${ZHICHAN_PG_SHARED_BUFFERS:-1GB} ZHICHAN_DATA=${ZHICHAN_DATA:-$ROOT/../shared/data}
PSQL=$(ls /usr/lib/postgresql/*/bin/psql | sort -V | tail -1)
APP=$ROOT/src/Zhichan.Api/bin/Release/net10.0/Zhichan.Api.dll
[ -f "$APP" ] || { echo "build first: ./zhichan.sh build" >&2; exit 1; }
rm -rf "$STATE"
q() { PGPASSWORD=$(cat "$STATE/pg-password") "$PSQL" -h 127.0.0.1 -p "$PGPORT" -U zhichan -d zhichan -XAtqc "$1"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
start_app() {
  (cd src/Zhichan.Api && exec dotnet "$APP" --urls "http://127.0.0.1:$HTTP" >"$STATE.app.log" 2>&1) &
  APP_PID=$!
  until curl -fs "http://127.0.0.1:$HTTP/healthz" >/dev/null 2>&1; do sleep 1; kill -0 $APP_PID || { tail -20 "$STATE.app.log"; exit 1; }; done
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" || true; }

start_app
echo "waiting for the demo import of the 2017 file…"
until [ "$(q "SELECT count(*) FROM imports WHERE status IN ('succeeded','completed_with_errors')" 2>/dev/null || echo 0)" -ge 1 ]; do sleep 5; done
records=$(q "SELECT count(*) FROM records"); size=$(q "SELECT pg_size_pretty(pg_database_size('zhichan'))")
t0=$(now); ./zhichan.sh backup full >/dev/null; t1=$(now)
q "UPDATE records SET title = title || ' ', change_xid = pg_current_xact_id() WHERE id % 100 = 0" >/dev/null
noted=$(q "SELECT clock_timestamp()")
state_at=$(q "SELECT count(*) || ' ' || md5(string_agg(id || '|' || coalesce(title, ''), E'\n' ORDER BY id)) FROM records")
q "UPDATE records SET title = title || '!', change_xid = pg_current_xact_id() WHERE id % 50 = 0" >/dev/null
t2=$(now); ./zhichan.sh backup incr >/dev/null; t3=$(now)
./zhichan.sh backup --verify >/dev/null; t4=$(now)
repo=$(du -sh "$STATE/backup" | cut -f1)
stop_app
t5=$(now); ./zhichan.sh restore --time "$noted" >/dev/null; t6=$(now)
start_app; t7=$(now)
state_after=$(q "SELECT count(*) || ' ' || md5(string_agg(id || '|' || coalesce(title, ''), E'\n' ORDER BY id)) FROM records")
stop_app
echo
echo "| records | database | full backup | incremental (1.5% of rows changed) | verify | repository | restore (files) | start after restore (WAL replay, promote) | records at the noted time |"
echo "|---|---|---|---|---|---|---|---|---|"
echo "| $records | $size | $(secs $t0 $t1) s | $(secs $t2 $t3) s | $(secs $t3 $t4) s | $repo | $(secs $t5 $t6) s | $(secs $t6 $t7) s | $([ "$state_at" = "$state_after" ] && echo "identical (count and MD5)" || echo "DIFFERENT: $state_at vs $state_after") |"
rm -rf "$STATE" "$STATE.app.log"
