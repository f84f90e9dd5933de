using System.Text.Json;
using System.Text.RegularExpressions;

namespace Zhichan.Tests.Platform;

/// <summary>
/// The national deployment's Citus plan (db/citus/distribution.json, docs/scale-out.md, ADR 0067) against the schema the
/// migrations build: every table classified; on distributed tables every primary key, unique constraint, unique index and
/// exclusion contains the distribution column; foreign keys only where Citus allows them (co-located on the key between
/// distributed tables, to reference tables, never from a reference or local table to a distributed one, reference only to
/// reference); triggers, cross-row functions and node-local defaults on distributed tables called out. Every violation
/// today's schema has is listed in the plan with the remedy the national deployment applies; an unlisted violation fails,
/// and so does a listed one that no longer occurs. No database: it reads the SQL text (milliseconds).
/// </summary>
public class CitusReadinessTests
{
    private static readonly string PlanPath = Path.Combine(TestData.RepoRoot, "db", "citus", "distribution.json");
    private static readonly Lazy<MigrationSchema> Schema = new(() => MigrationSchema.FromFolder(Path.Combine(TestData.RepoRoot, "db", "migrations")));

    [Fact]
    public void Migrations_AreParsed()
    {
        var s = Schema.Value;
        s.Tables.Count.ShouldBeGreaterThan(100);
        s.Tables["records"].Columns.ShouldContain("change_xid");
        s.Tables["records"].Keys.Select(k => k.Name).ShouldContain("records_pkey");
        s.Tables["records"].Keys.ShouldContain(k => k.Name == "records_record_key" && k.Columns.SequenceEqual(new[] { "record_key" }));
        s.Tables["legal_status_events"].ForeignKeys.Single().RefTable.ShouldBe("imports");
        // 0007 replaced assessment_scores' primary key by two partial unique indexes
        s.Tables["assessment_scores"].Keys.Select(k => k.Name).ShouldBe(["assessment_scores_org", "assessment_scores_custom"], ignoreOrder: true);
        // 0054 renamed pledge_events.user_id
        s.Tables["pledge_events"].Columns.ShouldContain("actor_id");
        s.Tables["pledge_events"].Columns.ShouldNotContain("user_id");
        // 0050 added an FK by ALTER TABLE
        s.Tables["market_deals"].ForeignKeys.ShouldContain(f => f.Name == "market_deals_filing_fk" && f.RefTable == "licence_filings");
        s.Tables["records"].Triggers.ShouldContain("records_tombstone");
    }

    [Fact]
    public void Plan_ClassifiesEveryTable_AndListsExactlyTodaysViolations()
    {
        var plan = CitusPlan.Load(File.ReadAllText(PlanPath));
        var found = CitusPlan.Check(Schema.Value, plan);
        var unlisted = found.Where(v => !plan.Exceptions.ContainsKey(v.Key)).Select(v => $"{v.Key} — {v.Value}").ToList();
        var stale = plan.Exceptions.Keys.Where(k => !found.ContainsKey(k)).ToList();
        unlisted.ShouldBeEmpty("SQL a Citus deployment cannot distribute as planned (db/citus/distribution.json): change the schema, or classify the table, or list the violation under \"exceptions\" with the national deployment's remedy");
        stale.ShouldBeEmpty("listed as exceptions in db/citus/distribution.json but no longer in the schema: remove them from the list");
        plan.Exceptions.Values.ShouldAllBe(r => r.Length > 20, "every exception names its remedy");
    }

    [Fact]
    public void Plan_KeepsTheRecordsPathsSingleShard()
    {
        var plan = CitusPlan.Load(File.ReadAllText(PlanPath));
        // the record page, its entity links and pins route by record id; legal-status events by record_key with record_keys
        plan.Tables["records"].Column.ShouldBe("id");
        plan.Group("entity_links").ShouldBe(plan.Group("records"));
        plan.Group("entity_pins").ShouldBe(plan.Group("records"));
        plan.Group("record_tombstones").ShouldBe(plan.Group("records"));
        plan.Group("legal_status_events").ShouldBe(plan.Group("record_keys"));
        plan.Tables.Where(t => t.Key.StartsWith("ref_", StringComparison.Ordinal)).ShouldAllBe(t => t.Value.Kind == "reference");
    }

    // ---- the checker on small samples: each rule can fail -----------------------------------------------------------

    private const string SamplePlan = """
        {"tables": {
           "r": {"kind": "distributed", "column": "id"},
           "c": {"kind": "distributed", "column": "r_id", "colocateWith": "r"},
           "o": {"kind": "distributed", "column": "k"},
           "ref": {"kind": "reference"},
           "w": {"kind": "local"}
        }}
        """;

    private static Dictionary<string, string> CheckSample(string sql) =>
        CitusPlan.Check(MigrationSchema.FromSql(sql), CitusPlan.Load(SamplePlan));

    private const string CleanSql = """
        CREATE TABLE ref (code text PRIMARY KEY, name text NOT NULL UNIQUE);          -- reference: any key
        CREATE TABLE r (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code text REFERENCES ref(code), title text);
        CREATE TABLE c (r_id bigint NOT NULL REFERENCES r(id), pos int, PRIMARY KEY (r_id, pos));
        CREATE TABLE o (k text NOT NULL, n int, CONSTRAINT o_one UNIQUE (k, n));
        CREATE TABLE w (id bigint PRIMARY KEY, r_id bigint, code text REFERENCES ref, note text CHECK (note <> 'UNIQUE'));
        CREATE UNIQUE INDEX c_pos ON c (r_id, (pos + 1));
        """;

    [Fact]
    public void Checker_PassesAPlannableSchema() => CheckSample(CleanSql).ShouldBeEmpty();

    [Theory]
    [InlineData("CREATE UNIQUE INDEX r_title ON r (title);", "key-without-distribution-column:r:r_title")]
    [InlineData("CREATE UNIQUE INDEX r_title ON r (lower(title)) WHERE title IS NOT NULL;", "key-without-distribution-column:r:r_title")]
    [InlineData("ALTER TABLE o ADD CONSTRAINT o_n UNIQUE (n);", "key-without-distribution-column:o:o_n")]
    [InlineData("ALTER TABLE r ADD COLUMN ext text UNIQUE;", "key-without-distribution-column:r:r_ext_key")]
    [InlineData("ALTER TABLE c ADD COLUMN o_k text REFERENCES o(k);", "fk-distributed-not-colocated-on-key:c:c_o_k_fkey")]
    [InlineData("ALTER TABLE c ADD COLUMN other bigint REFERENCES r;", "fk-distributed-not-colocated-on-key:c:c_other_fkey")]
    [InlineData("ALTER TABLE w ADD CONSTRAINT w_r FOREIGN KEY (r_id) REFERENCES r (id);", "fk-local-to-distributed:w:w_r")]
    [InlineData("ALTER TABLE ref ADD COLUMN w_id bigint REFERENCES w(id);", "fk-reference-to-local:ref:ref_w_id_fkey")]
    [InlineData("ALTER TABLE ref ADD COLUMN r_id bigint REFERENCES r(id);", "fk-reference-to-distributed:ref:ref_r_id_fkey")]
    [InlineData("ALTER TABLE r ADD COLUMN w_id bigint REFERENCES w(id) ON DELETE SET NULL;", "fk-distributed-to-local:r:r_w_id_fkey")]
    [InlineData("ALTER TABLE o ADD CONSTRAINT o_x EXCLUDE USING gist (n WITH =);", "exclude-without-distribution-column:o:o_x")]
    [InlineData("CREATE UNIQUE INDEX r_title ON r (title); ALTER INDEX r_title RENAME TO r_title_unique;", "key-without-distribution-column:r:r_title_unique")]
    [InlineData("CREATE TABLE n (id bigint PRIMARY KEY);", "unclassified:n")]
    [InlineData("DROP TABLE w;", "not-in-migrations:w")]
    [InlineData("ALTER TABLE c RENAME COLUMN r_id TO record_id;", "distribution-column-missing:c:r_id")]
    [InlineData("ALTER TABLE r ADD COLUMN xid xid8 DEFAULT pg_current_xact_id();", "node-local-default:r:xid")]
    [InlineData("CREATE FUNCTION t() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER r_t AFTER INSERT ON r FOR EACH ROW EXECUTE FUNCTION t();", "trigger-on-distributed:r:r_t")]
    [InlineData("CREATE FUNCTION f(p bigint) RETURNS int LANGUAGE sql STABLE AS $$ SELECT count(*)::int FROM c WHERE pos = p $$;", "function-reads-distributed:f:c")]
    public void Checker_DetectsAViolation(string sql, string expected)
    {
        var found = CheckSample(CleanSql + "\n" + sql);
        found.Keys.ShouldContain(expected);
        found.Count.ShouldBe(1, string.Join("; ", found.Keys));
    }

    [Theory]
    [InlineData("ALTER TABLE r DROP CONSTRAINT r_pkey; ALTER TABLE r ADD PRIMARY KEY (id);")]
    [InlineData("CREATE UNIQUE INDEX r_title ON r (title); DROP INDEX r_title;")]
    [InlineData("ALTER TABLE o ADD CONSTRAINT o_n UNIQUE (n); ALTER TABLE o DROP CONSTRAINT o_n;")]
    [InlineData("ALTER TABLE w ADD CONSTRAINT w_r FOREIGN KEY (r_id) REFERENCES r (id); ALTER TABLE w DROP CONSTRAINT IF EXISTS w_r;")]
    [InlineData("ALTER TABLE o ADD CONSTRAINT o_n UNIQUE (n); ALTER TABLE o DROP COLUMN n;")]
    [InlineData("CREATE TEMP TABLE scratch (id bigint PRIMARY KEY);")]
    [InlineData("DO $$ BEGIN IF true THEN ALTER TABLE r ALTER COLUMN title SET STORAGE MAIN; END IF; END $$;")]
    [InlineData("CREATE ROLE reader; GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader; CREATE PUBLICATION p FOR TABLE r; CREATE VIEW v AS SELECT id FROM r;")]
    public void Checker_FollowsDropsAndHarmlessStatements(string sql) => CheckSample(CleanSql + "\n" + sql).ShouldBeEmpty();

    [Theory]
    [InlineData("ALTER TABLE r ADD CONSTRAINT r_x PRIMARY KEY USING INDEX r_idx;")]
    [InlineData("CREATE TABLE p (id bigint, k text) PARTITION BY HASH (k);")]
    [InlineData("CREATE TABLE x AS SELECT * FROM r;")]
    [InlineData("DO $$ BEGIN EXECUTE 'CREATE UNIQUE INDEX r_t ON r (title)'; END $$;")]
    [InlineData("CREATE UNIQUE INDEX q ON missing (a);")]
    [InlineData("ALTER TABLE r ATTACH PARTITION r1 FOR VALUES IN (1);")]
    public void Parser_RefusesWhatItCannotRead(string sql) =>
        Should.Throw<FormatException>(() => MigrationSchema.FromSql(CleanSql + "\n" + sql));
}

/// <summary>db/citus/distribution.json: the table classes and the listed exceptions, and the rules Citus imposes.</summary>
public sealed class CitusPlan
{
    public sealed record Entry(string Kind, string? Column, string? ColocateWith);

    public Dictionary<string, Entry> Tables { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Planned { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Exceptions { get; } = new(StringComparer.Ordinal);

    public static CitusPlan Load(string json)
    {
        var plan = new CitusPlan();
        var root = JsonDocument.Parse(json).RootElement;
        void Read(JsonElement tables, bool planned)
        {
            foreach (var t in tables.EnumerateObject())
            {
                var kind = t.Value.GetProperty("kind").GetString()!;
                kind.ShouldBeOneOf("distributed", "reference", "local");
                string? S(string p) => t.Value.TryGetProperty(p, out var v) ? v.GetString() : null;
                var e = new Entry(kind, S("column"), S("colocateWith"));
                if (kind == "distributed") e.Column.ShouldNotBeNullOrEmpty($"{t.Name}: a distributed table names its column");
                else (e.Column ?? e.ColocateWith).ShouldBeNull($"{t.Name}: only distributed tables have a column");
                plan.Tables.Add(t.Name, e);
                if (planned) plan.Planned.Add(t.Name);
            }
        }
        Read(root.GetProperty("tables"), false);
        if (root.TryGetProperty("planned", out var p)) Read(p, true);
        if (root.TryGetProperty("exceptions", out var ex))
            foreach (var x in ex.EnumerateArray())
                plan.Exceptions.Add(x.GetProperty("violation").GetString()!, x.GetProperty("remedy").GetString()!);
        foreach (var (name, e) in plan.Tables.Where(t => t.Value.ColocateWith is not null))
            plan.Tables.GetValueOrDefault(e.ColocateWith!)?.Kind.ShouldBe("distributed", $"{name} is co-located with a table that is not distributed");
        return plan;
    }

    /// <summary>The co-location group: the root of the colocateWith chain.</summary>
    public string Group(string table)
    {
        var seen = new HashSet<string>();
        while (Tables[table].ColocateWith is { } next)
        {
            if (!seen.Add(table)) throw new InvalidOperationException($"colocateWith cycle at {table}");
            table = next;
        }
        return table;
    }

    private static readonly Regex NodeLocal = new(@"\b(?:pg_current_xact_id|txid_current|pg_current_snapshot|txid_current_snapshot|inet_server_addr|inet_server_port|pg_backend_pid)\s*\(", RegexOptions.IgnoreCase);

    /// <summary>Every violation of the Citus rules in the schema, by a stable id (rule:table:name) with a message.</summary>
    public static Dictionary<string, string> Check(MigrationSchema schema, CitusPlan plan)
    {
        var v = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in schema.Tables.Values.Where(t => !plan.Tables.ContainsKey(t.Name)))
            v[$"unclassified:{t.Name}"] = $"table {t.Name} ({t.Source}) has no Citus decision: add it to db/citus/distribution.json under tables as {{\"{t.Name}\": {{\"kind\": \"local\", \"why\": \"…\"}}}} (or reference, or distributed with column and colocateWith; docs/scale-out.md §1)";
        foreach (var name in plan.Tables.Keys.Where(n => !schema.Tables.ContainsKey(n) && !plan.Planned.Contains(n)))
            v[$"not-in-migrations:{name}"] = $"the plan classifies {name}, which no migration creates (dropped or renamed?)";
        foreach (var name in plan.Planned.Where(schema.Tables.ContainsKey))
            v[$"planned-table-exists:{name}"] = $"{name} is under \"planned\" but a migration creates it now: move it to \"tables\"";

        string KindOf(string table) => plan.Tables.TryGetValue(table, out var e) ? e.Kind : "unclassified";

        foreach (var t in schema.Tables.Values)
        {
            if (!plan.Tables.TryGetValue(t.Name, out var entry)) continue;
            var kind = entry.Kind;
            if (kind == "distributed")
            {
                var col = entry.Column!;
                if (!t.Columns.Contains(col))
                {
                    v[$"distribution-column-missing:{t.Name}:{col}"] = $"{t.Name} has no column {col}";
                    continue;
                }
                foreach (var k in t.Keys.Where(k => !k.Columns.Contains(col)))
                    v[$"key-without-distribution-column:{t.Name}:{k.Name}"] = $"{k.Kind} {k.Name} ({string.Join(", ", k.Columns)}) of {t.Name} ({k.Source}) does not contain the distribution column {col}: Citus enforces uniqueness per shard only";
                foreach (var k in t.Exclusions.Where(k => !k.Columns.Contains(col)))
                    v[$"exclude-without-distribution-column:{t.Name}:{k.Name}"] = $"exclusion constraint {k.Name} of {t.Name} ({k.Source}) does not use the distribution column {col} with =";
                foreach (var trg in t.Triggers)
                    v[$"trigger-on-distributed:{t.Name}:{trg}"] = $"trigger {trg} on distributed {t.Name} runs on each shard (citus.enable_unsafe_triggers; its writes must stay co-located)";
                foreach (var (c, d) in t.Defaults.Where(d => NodeLocal.IsMatch(d.Value)))
                    v[$"node-local-default:{t.Name}:{c}"] = $"default of {t.Name}.{c} ({d}) is evaluated on the worker that holds the shard: its value is not comparable across nodes";
            }
            foreach (var fk in t.ForeignKeys)
            {
                var refKind = KindOf(fk.RefTable);
                if (refKind == "unclassified") continue; // reported above
                var id = $"{t.Name}:{fk.Name}";
                var what = $"{t.Name}.{fk.Name} ({string.Join(", ", fk.Columns)}) → {fk.RefTable} ({fk.Source})";
                switch (kind, refKind)
                {
                    case ("distributed", "distributed"):
                    {
                        var refCols = fk.RefColumns.Count > 0 ? fk.RefColumns
                            : schema.Tables.TryGetValue(fk.RefTable, out var rt) ? rt.Keys.FirstOrDefault(k => k.Kind == "primary key")?.Columns ?? [] : [];
                        var i = fk.Columns.IndexOf(entry.Column!);
                        var ok = plan.Group(t.Name) == plan.Group(fk.RefTable) && i >= 0 && i < refCols.Count && refCols[i] == plan.Tables[fk.RefTable].Column;
                        if (!ok) v[$"fk-distributed-not-colocated-on-key:{id}"] = $"{what}: a foreign key between distributed tables must join co-located tables on their distribution columns";
                        break;
                    }
                    case ("distributed", "local"):
                        v[$"fk-distributed-to-local:{id}"] = $"{what}: Citus allows no foreign key from a distributed table to a local table";
                        break;
                    case ("reference", not "reference"):
                        v[$"fk-reference-to-{refKind}:{id}"] = $"{what}: a reference table may reference only reference tables";
                        break;
                    case ("local", "distributed"):
                        v[$"fk-local-to-distributed:{id}"] = $"{what}: Citus allows no foreign key from a local table to a distributed table";
                        break;
                }
            }
        }
        foreach (var f in schema.Functions)
            foreach (var table in f.Tables.Where(x => KindOf(x) == "distributed"))
                v[$"function-reads-distributed:{f.Name}:{table}"] = $"function {f.Name} ({f.Source}) reads distributed {table}: each call is a query over the shards (router only if it filters on the distribution column)";
        return v;
    }
}
