-- A records row is compressed only when it is longer than a page can hold (about 8 KB), not from 2 KB on (ADR 0011,
-- seventh-session amendment). Rows of the bibliographic files are 2.5–3 KB: with the default target of 2 KB PostgreSQL
-- tried to compress each of their larger values in turn (lz4 of a few hundred bytes of vector, JSON or names), re-measuring
-- the row after each, and saved 7 % of the heap (599 → 558 MB for the 2017 file) for 3 CPU-seconds of the COPY's 8
-- (binary COPY of the 214,197 stored rows: 8.0–8.5 s with the default, 4.6–5.3 s with this target; heap 627 MB).
-- Rows with long abstracts or claims are still compressed in the row (STORAGE MAIN, migration 0020). Applies to rows
-- written from now on; stored rows keep their compressed values until they are rewritten by an import.
ALTER TABLE records SET (toast_tuple_target = 8160);
