#!/usr/bin/env bash
# Quick latency spot check of SearchRecords against a running app (default http://127.0.0.1:5080) holding the 2017 data:
# 20 query shapes, one warm-up pass, then 5 measured passes; prints p50/p95/p99 over the 100 timings and the slowest shapes.
# Start the app with ZHICHAN_PUBLIC_RATE=100000 so the anonymous rate limit does not answer instead of the search.
set -euo pipefail
HOST=${1:-http://127.0.0.1:5080}
qs=(
"q=%E8%8A%AF%E7%89%87" "q=%E4%B8%AD%E8%8D%AF" "q=%E5%85%89%E4%BC%8F" "q=%E7%94%B5%E6%B1%A0" "q=%E6%9C%BA%E5%99%A8%E4%BA%BA"
"q=%22%E9%9B%86%E6%88%90%E7%94%B5%E8%B7%AF%22" "q=%22%E9%94%82%E7%A6%BB%E5%AD%90%E7%94%B5%E6%B1%A0%22" "q=%E6%97%A0%E4%BA%BA%E6%9C%BA%20-%E5%86%9C%E4%B8%9A"
"q=%E8%8A%AF%E7%89%87%20OR%20%E5%8D%8A%E5%AF%BC%E4%BD%93" "applicant=%E5%8D%8E%E4%B8%BA" "applicant=%E6%B5%99%E6%B1%9F%E5%A4%A7%E5%AD%A6"
"ipc=H01L" "ipc=A61K36" "region=320700" "region=320703" "q=%E5%85%89%E4%BC%8F&region=320000&from=2016-01-01"
"q=%E7%94%B5%E6%B1%A0&sort=date_desc&page=5" "" "types=patent_invention&status=in_force" "industry=35&region=320500"
)
tmp=$(mktemp)
for q in "${qs[@]}"; do curl -s -o /dev/null "$HOST/api/records?$q"; done
for rep in 1 2 3 4 5; do for q in "${qs[@]}"; do curl -s -o /dev/null -w "%{time_total} $q\n" "$HOST/api/records?$q"; done; done > "$tmp"
python3 - "$tmp" <<'PY'
import sys, statistics, collections
rows=[l.split(' ',1) for l in open(sys.argv[1]).read().splitlines()]
v=sorted(float(t)*1000 for t,_ in rows)
p=lambda q: v[min(len(v)-1,int(q*len(v)))]
print(f"n={len(v)} p50={p(0.5):.1f} ms p95={p(0.95):.1f} ms p99={p(0.99):.1f} ms")
by=collections.defaultdict(list)
for t,q in rows: by[q.strip()].append(float(t)*1000)
for q,ts in sorted(by.items(), key=lambda x:-statistics.median(x[1]))[:5]: print(f"  median {statistics.median(ts):7.1f} ms  {q or '(no filter)'}")
PY
rm -f "$tmp"
