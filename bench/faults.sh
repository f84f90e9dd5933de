#!/usr/bin/env bash
# Fault tests of issue 26 §3 (ADR 0063): PostgreSQL restarted under load, the database read-only during an import of the
# 2017 file. Starts its own PostgreSQL cluster (under $TMPDIR/zhichan-faults, port ZHICHAN_FAULTS_PG_PORT, default 5491) and
# the built app as a process, prints the table that goes into docs/benchmarks.md ("Faults").
#
#   bench/faults.sh [--workers 8] [--readonly-seconds 10]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Zhichan.slnx -c Release 2>&1 | grep -E " error |rror\(s\)" | sort -u
exec dotnet bench/Zhichan.Bench/bin/Release/net10.0/Zhichan.Bench.dll faults --data "${ZHICHAN_DATA:-../shared/data}" \
  --pg-port "${ZHICHAN_FAULTS_PG_PORT:-5491}" "$@"
