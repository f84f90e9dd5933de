#!/usr/bin/env bash
# Load of issue 26 §4 (ADR 0068): saturation of each kind of request, then the mix of a day at 100, 200 and 300 req/s for
# 60 s each on one instance and on two. Starts its own PostgreSQL cluster (state under $TMPDIR/zhichan-load, kept between
# runs with the 2017 file imported once; --fresh starts over; port ZHICHAN_LOAD_PG_PORT, default 5493) and the built app as
# processes; prints the tables that go into docs/benchmarks.md ("Load"). Two instances on one machine are run the way
# docs/operations.md says to deploy them, each told its share of the cores: --phases mix2 --env DOTNET_PROCESSOR_COUNT=1
# (on 2 cores; ADR 0070). After each rate it prints the requests the app itself took over 2.5 s / 5 s (its /metrics).
#
#   bench/load.sh [--phases saturation,mix,mix2] [--kinds anon-search,record] [--levels 1,4,16,64] [--level-seconds 10]
#                 [--rates 100,200,300] [--seconds 60] [--env ZHICHAN_X=1,ZHICHAN_Y=2] [--label "before "] [--fresh]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Zhichan.slnx -c Release 2>&1 | grep -E " error |rror\(s\)" | sort -u
exec dotnet bench/Zhichan.Bench/bin/Release/net10.0/Zhichan.Bench.dll load --data "${ZHICHAN_DATA:-../shared/data}" \
  --pg-port "${ZHICHAN_LOAD_PG_PORT:-5493}" "$@"
