-- The code columns of records compare byte by byte (COLLATE "C"; ADR 0011, ninth-session amendment). They hold codes —
-- right types, statuses, region codes, IPC symbols and classes, GB/T 4754 industry codes — never words to sort by a
-- language's rules, but the database's collation (C.UTF-8 of the private cluster, en_US.UTF-8 or zh_CN.UTF-8 on many
-- servers) made every comparison in their indexes and sorts a strcoll() call on copied strings: rebuilding the
-- industry and IPC GIN indexes of the 2017 file took 1.38–1.47 s and 1.13 s, with "C" 0.97–1.04 s and 0.73 s; a
-- (county_code, date, id) B-tree 0.54 → 0.40 s. The order is the same for these ASCII codes. Comparisons with values
-- of the default collation (parameters, literals, other tables' columns) resolve to "C", the column's explicit
-- collation. Only the indexes over these columns are rebuilt, not the table (docs/operations.md gives the time at 5M
-- records). Changing a column's type resets its storage and compression, so both are set again as 0019 and 0020 left
-- them (in the row, lz4).
ALTER TABLE records
    ALTER COLUMN right_type TYPE text COLLATE "C",
    ALTER COLUMN status TYPE text COLLATE "C",
    ALTER COLUMN province_code TYPE text COLLATE "C",
    ALTER COLUMN city_code TYPE text COLLATE "C",
    ALTER COLUMN county_code TYPE text COLLATE "C",
    ALTER COLUMN ipc_main TYPE text COLLATE "C",
    ALTER COLUMN ipc_classes TYPE text[] COLLATE "C",
    ALTER COLUMN industry_codes TYPE text[] COLLATE "C";
ALTER TABLE records
    ALTER COLUMN right_type SET STORAGE MAIN,
    ALTER COLUMN status SET STORAGE MAIN,
    ALTER COLUMN province_code SET STORAGE MAIN,
    ALTER COLUMN city_code SET STORAGE MAIN,
    ALTER COLUMN county_code SET STORAGE MAIN,
    ALTER COLUMN ipc_main SET STORAGE MAIN,
    ALTER COLUMN ipc_classes SET STORAGE MAIN,
    ALTER COLUMN industry_codes SET STORAGE MAIN;
DO $$
BEGIN
    ALTER TABLE records
        ALTER COLUMN right_type SET COMPRESSION lz4,
        ALTER COLUMN status SET COMPRESSION lz4,
        ALTER COLUMN province_code SET COMPRESSION lz4,
        ALTER COLUMN city_code SET COMPRESSION lz4,
        ALTER COLUMN county_code SET COMPRESSION lz4,
        ALTER COLUMN ipc_main SET COMPRESSION lz4,
        ALTER COLUMN ipc_classes SET COMPRESSION lz4,
        ALTER COLUMN industry_codes SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available in this PostgreSQL build; records keeps the default compression';
END $$;
-- a type change also drops the columns' planner statistics (without them the filters' plans went astray: IPC filters
-- p95 43 → 140 ms at 215k records): gather them again (a sample of the table, seconds even at 5M records)
ANALYZE records;
