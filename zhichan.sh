#!/usr/bin/env bash
# Zhichan (知产) — one entry point: run | test | bench | build
#   ./zhichan.sh run     install what is missing, build backend and web, start the platform with demo data
#   ./zhichan.sh test    install what is missing, build, run every test (backend, web unit, browser)
#   ./zhichan.sh bench   run the benchmarks (bench/run.sh), figures go to docs/benchmarks.md
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
  bench)
    shift; ensure_base; build_backend; exec bash bench/run.sh "$@" ;;
  *)
    echo "usage: ./zhichan.sh run | test | bench [--quick] | build"; exit 2 ;;
esac
