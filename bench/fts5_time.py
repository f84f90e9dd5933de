#!/usr/bin/env python3
"""Times FTS5 queries with microsecond resolution (the sqlite3 CLI's .timer has 1 ms): Debian's python3 sqlite3 module,
which links the same Debian libsqlite3 as the sqlite3 CLI. Per query: the first page (rowid, title ORDER BY rank LIMIT 20)
plus the count, like a search API call. Usage: fts5_time.py DB QUERIES_JSON PASSES  (QUERIES_JSON: [{"id":1,"match":"..."}])
Prints {"version": ..., "ms": {"id": [ms per measured pass]}} after one warm-up pass."""
import json, sqlite3, sys, time

db, queries_path, passes = sys.argv[1], sys.argv[2], int(sys.argv[3])
queries = json.load(open(queries_path, encoding="utf-8"))
con = sqlite3.connect(db)
page = "SELECT rowid, title FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 20"
count = "SELECT count(*) FROM fts WHERE fts MATCH ?"
ms = {str(q["id"]): [] for q in queries}
for p in range(passes + 1):
    for q in queries:
        t = time.perf_counter()
        con.execute(page, (q["match"],)).fetchall()
        con.execute(count, (q["match"],)).fetchone()
        if p > 0:
            ms[str(q["id"])].append((time.perf_counter() - t) * 1000)
print(json.dumps({"version": sqlite3.sqlite_version, "ms": ms}))
