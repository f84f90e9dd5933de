#!/usr/bin/env bash
# Zhichan (知产) — one entry point: run | test | bench | build
#   ./zhichan.sh run     install what is missing, build backend and web, start the platform with demo data
#   ./zhichan.sh test    install what is missing, build, run every test (backend, web unit, browser)
#   ./zhichan.sh bench   run the benchmarks (bench/run.sh), figures go to docs/benchmarks.md
#   ./zhichan.sh backup [full|incr|diff|--info|--verify]   pgBackRest backup of the private cluster (ZHICHAN_BACKUP_REPO)
#   ./zhichan.sh restore [--time "YYYY-MM-DD HH:MM:SS+08"]  restore it (app stopped), to a point in time if given
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
PORT=${ZHICHAN_PORT:-5080}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export ZHICHAN_DATA=${ZHICHAN_DATA:-$ROOT/../shared/data}

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

apt_updated=0
need_pkg() { # need_pkg <command-or-path> <debian-package>
  if command -v "$1" >/dev/null 2>&1 || [ -e "$1" ]; then return 0; fi
  if [ "$(id -u)" -ne 0 ]; then
    die "$2 is missing. Install it with:  sudo apt-get install -y $2"
  fi
  if [ $apt_updated -eq 0 ]; then say "apt-get update"; apt-get update -qq; apt_updated=1; fi
  say "installing $2"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null
}

pg_bin_ok() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; }

ensure_base() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)"
  if ! pg_bin_ok; then need_pkg /usr/lib/postgresql/15/bin/initdb postgresql; fi
  need_pkg node nodejs
  need_pkg npm npm
}

ensure_backup() {
  need_pkg pgbackrest pgbackrest
}

ensure_browser() {
  need_pkg /usr/bin/chromium chromium
  if ! fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy"; then need_pkg /usr/share/fonts/truetype/wqy/wqy-microhei.ttc fonts-wqy-microhei; fi
}

build_web() {
  say "web: npm ci and build (types from docs/openapi/Zhichan.Api.json, output in src/Zhichan.Api/wwwroot)"
  (cd web && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run build --silent)
}

build_backend() {
  say "backend: dotnet build -c Release"
  dotnet build Zhichan.slnx -c Release -nologo -v quiet -clp:ErrorsOnly
}

demo_accounts() {
  local pw=${ZHICHAN_DEMO_PASSWORD:-Zhichan@2026}
  cat <<TXT

  Zhichan 知产 is starting at  http://127.0.0.1:$PORT
  Demo accounts (password: $pw — set ZHICHAN_DEMO_PASSWORD to change it on first start):
    admin     平台管理员 (admin)            bureau   市局业务员 (bureau)
    police    市公安局 (department)         court    市中级法院 (department)
    lianyun   连云区 (district)             haizhou  海州区 (district)
    hengrui   恒瑞医药 (enterprise)         agency   代理机构 (agency)      expert  技术调查官 (expert)
  The real 2017 CNIPA file is imported in the background on first start (see 数据中心 → 数据导入).
  Data folder: $ZHICHAN_DATA   Stop with Ctrl+C (the private PostgreSQL stops with it).

TXT
}

# pgBackRest on the private cluster (ADR 0064). The app writes $STATE/pgbackrest.conf at each start of the cluster when
# ZHICHAN_BACKUP_REPO is set; these helpers only read it, so the repository, port and paths have one owner.
STATE=${ZHICHAN_STATE_DIR:-$ROOT/.data}
pgbr_setup() {
  ensure_backup
  PGBR_CONF="$STATE/pgbackrest.conf"
  [ -f "$PGBR_CONF" ] || die "backups are off: start the app once with ZHICHAN_BACKUP_REPO=on (repository $STATE/backup) or =<folder>, which turns on WAL archiving, then run this again"
  PG_CTL=$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1)
  [ -n "$PG_CTL" ] || PG_CTL=$(command -v pg_ctl) || die "pg_ctl not found"
  PGBR=(pgbackrest "--config=$PGBR_CONF" --stanza=zhichan)
  PG_RUN=()
  local owner; owner=$(stat -c %U "$STATE/pg")
  # the cluster runs as an unprivileged user when started by root: pgBackRest must read and write its files as that user
  if [ "$(id -u)" -eq 0 ] && [ "$owner" != root ]; then PG_RUN=(runuser -u "$owner" --); fi
  export PGPASSWORD; PGPASSWORD=$(cat "$STATE/pg-password")
}
pg_running() { "${PG_RUN[@]}" "$PG_CTL" -D "$STATE/pg" status >/dev/null 2>&1; }

cmd=${1:-help}
case "$cmd" in
  run)
    ensure_base
    build_backend
    build_web
    demo_accounts
    cd src/Zhichan.Api
    exec dotnet bin/Release/net10.0/Zhichan.Api.dll --urls "http://127.0.0.1:$PORT"
    ;;
  build)
    ensure_base; build_backend; build_web ;;
  test)
    ensure_base
    ensure_backup
    ensure_browser
    build_backend
    build_web
    if git rev-parse --git-dir >/dev/null 2>&1 && ! git diff --quiet -- docs/openapi web/src/api/schema.d.ts; then
      git --no-pager diff --stat -- docs/openapi web/src/api/schema.d.ts
      die "the build regenerated docs/openapi/Zhichan.Api.json or web/src/api/schema.d.ts: the committed copies are stale — commit the regenerated files"
    fi
    mkdir -p artifacts
    say "web lint (ESLint + Prettier check)"
    set +e
    (cd web && NO_COLOR=1 FORCE_COLOR=0 npm run lint --silent 2>&1) | tee artifacts/lint.log
    lint_rc=${PIPESTATUS[0]}
    say "web unit tests (vitest)"
    (cd web && NO_COLOR=1 FORCE_COLOR=0 npx vitest run --reporter=default 2>&1) | tee artifacts/vitest.log
    web_rc=${PIPESTATUS[0]}
    say "backend, integration and browser tests (xunit, real PostgreSQL, headless Chromium)"
    # the trx file keeps every test's duration (to find the slow ones)
    dotnet test Zhichan.slnx -c Release --no-build -nologo -v quiet --logger "console;verbosity=minimal" \
      --logger "trx;LogFileName=$PWD/artifacts/dotnet-test.trx" 2>&1 | tee artifacts/dotnet-test.log
    net_rc=${PIPESTATUS[0]}
    set -e
    passed=0; failed=0
    while read -r f p; do passed=$((passed + p)); failed=$((failed + f)); done < <(
      grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+' artifacts/dotnet-test.log | sed -E 's/Failed: +([0-9]+), Passed: +([0-9]+)/\1 \2/')
    wp=$(grep -Eo 'Tests +[0-9]+ passed' artifacts/vitest.log | grep -Eo '[0-9]+' | tail -1 || true)
    wf=$(grep -Eo 'Tests +([0-9]+ failed)' artifacts/vitest.log | grep -Eo '[0-9]+' | tail -1 || true)
    passed=$((passed + ${wp:-0})); failed=$((failed + ${wf:-0}))
    echo
    echo "${passed} passed, ${failed} failed"
    if [ "$lint_rc" -ne 0 ]; then echo "web lint failed (see artifacts/lint.log; \`npm run format\` in web fixes the layout)"; fi
    if [ "$lint_rc" -ne 0 ] || [ "$web_rc" -ne 0 ] || [ "$net_rc" -ne 0 ]; then exit 1; fi
    ;;
  backup)
    shift; pgbr_setup
    what=${1:-incr}
    case "$what" in
      full|incr|diff)
        pg_running || die "the database is not running: start the app (./zhichan.sh run) first — a backup is taken from the running cluster"
        say "pgBackRest: stanza (created once), archive check, $what backup"
        "${PG_RUN[@]}" "${PGBR[@]}" stanza-create --log-level-console=warn
        "${PG_RUN[@]}" "${PGBR[@]}" check --log-level-console=warn
        "${PG_RUN[@]}" "${PGBR[@]}" backup --type="$what"
        "${PG_RUN[@]}" "${PGBR[@]}" info ;;
      --info|info) "${PG_RUN[@]}" "${PGBR[@]}" info ;;
      --verify|verify) "${PG_RUN[@]}" "${PGBR[@]}" verify --log-level-console=info && say "repository verified: every backup file and WAL segment matches its checksum" ;;
      --check|check) "${PG_RUN[@]}" "${PGBR[@]}" check && say "WAL archiving works" ;;
      *) die "usage: ./zhichan.sh backup [full|incr|diff|--info|--verify|--check]" ;;
    esac ;;
  restore)
    shift; pgbr_setup
    target=(); set_label=()
    while [ $# -gt 0 ]; do
      case "$1" in
        --time) [ $# -ge 2 ] || die "--time needs a value, e.g. --time \"2026-12-07 09:30:00+08\""
                target=(--type=time "--target=$2" --target-action=promote); shift 2 ;;
        --set) [ $# -ge 2 ] || die "--set needs a backup label (see ./zhichan.sh backup --info)"; set_label=("--set=$2"); shift 2 ;;
        *) die "usage: ./zhichan.sh restore [--time \"YYYY-MM-DD HH:MM:SS+08\"] [--set <backup label>]" ;;
      esac
    done
    pg_running && die "the database is running: stop the app (Ctrl+C; with ZHICHAN_KEEP_DB=1 also: $PG_CTL -D $STATE/pg stop) before restoring"
    mkdir -p "$STATE/pg"; [ ${#PG_RUN[@]} -eq 0 ] || chown "$(stat -c %U "$STATE/pg-run")" "$STATE/pg"
    say "pgBackRest: restoring into $STATE/pg ${target[*]:-(to the end of the archived WAL)}"
    "${PG_RUN[@]}" "${PGBR[@]}" restore --delta "${set_label[@]}" "${target[@]}"
    say "restored: the next start (./zhichan.sh run) replays the archived WAL${target:+ up to the target} and then opens the database" ;;
  bench)
    shift; ensure_base; build_backend; exec bash bench/run.sh "$@" ;;
  *)
    echo "usage: ./zhichan.sh run | test | bench [--quick] | build | backup [full|incr|diff|--info|--verify] | restore [--time \"YYYY-MM-DD HH:MM:SS+08\"]"; exit 2 ;;
esac
