using System.Text;
using NpgsqlTypes;
using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Api.Features.Records.Search;

/// <summary>The filters of a record search, as query-string parameters (shared by search, export and drill-downs).</summary>
public sealed class RecordFilterParams
{
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "q")] public string? Q { get; set; }
    /// <summary>Comma-separated right types (patent_invention, trademark …).</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "types")] public string? Types { get; set; }
    /// <summary>application (default), publication or grant.</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "dateField")] public string? DateField { get; set; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "from")] public DateOnly? From { get; set; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "to")] public DateOnly? To { get; set; }
    /// <summary>IPC prefix: section (H), class (H01), subclass (H01L), group (H01L 31) or symbol (H01L 31/042).</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "ipc")] public string? Ipc { get; set; }
    /// <summary>Region code at any level: province 320000, city 320700, county 320703.</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "region")] public string? Region { get; set; }
    /// <summary>GB/T 4754-2011 industry: section letter, division (2 digits), group (3) or class (4).</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "industry")] public string? Industry { get; set; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "applicant")] public string? Applicant { get; set; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "entityId")] public long? EntityId { get; set; }
    /// <summary>Comma-separated statuses (pending, in_force, lapsed …).</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "status")] public string? Status { get; set; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "techField")] public int? TechField { get; set; }
}

/// <summary>Builds the WHERE clause and parameters of a filtered record query; invalid values become 400 field errors.</summary>
public sealed class RecordFilter
{
    /// <summary>The longest search box: a pasted list of numbers (<see cref="NumberForms.MaxNumbers"/> at most).</summary>
    public const int MaxQueryLength = 4_000;

    /// <summary>The longest search expression (the query string of a GET must fit in the server's request line).</summary>
    public const int MaxExpressionLength = 800;

    private readonly StringBuilder _where = new("TRUE");
    public List<NpgsqlParameter> Parameters { get; } = [];
    public SearchQuery Query { get; }
    public string? TsQuery { get; }
    public string DateColumn { get; }

    public string Where => _where.ToString();

    /// <summary>
    /// Whether the rows are narrowed by a condition that no index keeps in date order (the search box, an IPC class, an
    /// industry, an applicant, an entity, a technology field), unlike a region, type or status, whose indexes hold their
    /// rows by date. A small result of such a query is sorted by date after its own index lookup (SearchRecords).
    /// </summary>
    public bool NarrowsUnordered { get; }

    /// <summary>The records of a pasted list of numbers, in the list's order (null unless the search box is such a list).</summary>
    public NumberLookup? Numbers { get; }

    /// <summary>The folded words and phrases to mark in the title, and in the snippet (abstract, claims, address).</summary>
    public IReadOnlyList<string> TitleTerms { get; }
    public IReadOnlyList<string> SnippetTerms { get; }

    /// <summary>The codes of search_vocabulary each lone character of the query begins (read by <see cref="CreateAsync"/>).</summary>
    private readonly IReadOnlyDictionary<char, int[]> _prefixCodes;

    /// <summary>The agencies' names each agency term (AG=…) matches (read by <see cref="CreateAsync"/>).</summary>
    private readonly IReadOnlyDictionary<QueryTerm, string[]> _agencies;

    /// <summary>
    /// The filter, with what it needs from the database read first: the vocabulary codes of the lone CJK characters it
    /// looks up in the search index (one index range scan each), so that they can be looked up in small chunks
    /// (<see cref="PrefixLookup"/>); the agencies an AG term matches; the records of a pasted list of numbers.
    /// </summary>
    public static async Task<RecordFilter> CreateAsync(RecordFilterParams p, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await CreateAsync(p, conn, ct);
    }

    /// <summary>The same on an open connection (a search's reads all on one connection, ADR 0068).</summary>
    public static async Task<RecordFilter> CreateAsync(RecordFilterParams p, NpgsqlConnection db, CancellationToken ct)
    {
        if (p.Q is { Length: > MaxQueryLength }) throw new RequestValidationException("q", $"检索内容不能超过 {MaxQueryLength} 个字符");
        var query = SearchQuery.Parse(p.Q);
        if (query.Root is not null && p.Q!.Length > MaxExpressionLength)
            throw new RequestValidationException("q", $"检索式不能超过 {MaxExpressionLength} 个字符（号码清单可更长）");
        var codes = new Dictionary<char, int[]>();
        var agencies = new Dictionary<QueryTerm, string[]>(ReferenceEqualityComparer.Instance);
        if (query.Root is { } root)
        {
            foreach (var (term, field, anchored) in Terms(root, false))
            {
                if (field is { Kind: SearchFieldKind.Agency }) agencies[term] = await AgenciesAsync(term, db, ct);
                else if (SearchQuery.IsPrefix(term) && !anchored && !codes.ContainsKey(term.Tokens[0][0]))
                    codes[term.Tokens[0][0]] = await VocabularyAsync(term.Tokens[0][0], db, ct);
            }
        }
        var numbers = query.Numbers is { } list ? await NumberLookup.FindAsync(list, db, ct) : null;
        return new RecordFilter(p, query, codes, agencies, numbers);
    }

    /// <summary>The codes in records of a lone character and of the bigrams it begins (search_vocabulary, migration 0024).</summary>
    private static async Task<int[]> VocabularyAsync(char c, NpgsqlConnection db, CancellationToken ct)
    {
        var (first, last, alone) = SearchTokens.PrefixRange(c);
        await using var cmd = new NpgsqlCommand("SELECT code FROM search_vocabulary WHERE code BETWEEN $1 AND $2 OR code = $3 GROUP BY code ORDER BY code", db);
        cmd.Parameters.Add(new NpgsqlParameter { Value = first });
        cmd.Parameters.Add(new NpgsqlParameter { Value = last });
        cmd.Parameters.Add(new NpgsqlParameter { Value = alone });
        var list = new List<int>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(r.GetInt32(0));
        return [.. list];
    }

    /// <summary>
    /// The names of the agencies an AG term occurs in. The agency is not in the search vector; its distinct names (a few
    /// thousand in the whole country) are read by skipping through the agency index from one name to the next, checked
    /// like any field's text (<see cref="FieldText"/>), and the records are then looked up by name in that index.
    /// </summary>
    private static async Task<string[]> AgenciesAsync(QueryTerm term, NpgsqlConnection db, CancellationToken ct)
    {
        var pattern = FieldText.For(term);
        var check = pattern.IsRegex ? "v ~ $1" : "strpos(v, $1) > 0";
        await using var cmd = new NpgsqlCommand($$"""
            WITH RECURSIVE names(v) AS (
                SELECT min(agency) FROM records WHERE agency IS NOT NULL
                UNION ALL
                SELECT (SELECT min(r.agency) FROM records r WHERE r.agency > n.v) FROM names n WHERE n.v IS NOT NULL)
            SELECT coalesce(array_agg(v), '{}') FROM names WHERE v IS NOT NULL AND {{check}}
            """, db);
        cmd.Parameters.Add(new NpgsqlParameter { Value = pattern.Text });
        return (string[])(await cmd.ExecuteScalarAsync(ct))!;
    }

    private RecordFilter(RecordFilterParams p, SearchQuery query, IReadOnlyDictionary<char, int[]> prefixCodes,
        IReadOnlyDictionary<QueryTerm, string[]> agencies, NumberLookup? numbers)
    {
        _prefixCodes = prefixCodes;
        _agencies = agencies;
        var v = new Validation();
        Query = query;
        NarrowsUnordered = query.Root is not null || query.Numbers is not null || !string.IsNullOrWhiteSpace(p.Ipc) || !string.IsNullOrWhiteSpace(p.Industry)
            || !string.IsNullOrWhiteSpace(p.Applicant) || p.EntityId is not null || p.TechField is not null;
        Numbers = numbers;
        TsQuery = Query.ToTsQuery();
        var positive = Query.PositiveTerms().ToList();
        TitleTerms = MarkTerms(positive.Where(t => t.Field is null || t.Field == SearchFields.Title || t.Field == SearchFields.TitleAbstract));
        SnippetTerms = MarkTerms(positive.Where(t => t.Field is null || t.Field.Kind == SearchFieldKind.Text && t.Field.Weights != "A" && t.Field.Weights != "B"));
        // each term is looked up in the search index by the integer codes of its tokens (migration 0022); what the codes
        // cannot tell — that a word's bigrams follow each other, that a Latin word is not just another one with the same
        // hash, that a term is in the field it is restricted to — is checked on the rows found (ADR 0016).
        if (Query.Root is { } root) _where.Append(" AND ").Append(Sql(root, false));
        if (numbers is not null) Add("r.id = ANY({0})", numbers.Ids);

        if (!string.IsNullOrWhiteSpace(p.Types))
        {
            var types = p.Types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var t in types.Where(t => !RightTypes.Names.ContainsKey(t))) v.Add("types", $"权利类型“{t}”无效，应为：{string.Join("、", RightTypes.Names.Keys)}");
            // one value as an equality: then an index on (right_type, date) also gives the date order
            if (types.Length == 1) Add("r.right_type = {0}", types[0]); else Add("r.right_type = ANY({0})", types);
        }
        DateColumn = (p.DateField ?? "application") switch
        {
            "application" => "r.application_date",
            "publication" => "r.publication_date",
            "grant" => "r.grant_date",
            var other => Invalid(v, "dateField", $"日期类型“{other}”无效，应为 application、publication 或 grant", "r.application_date"),
        };
        if (p.From is { } from) Add($"{DateColumn} >= {{0}}", from);
        if (p.To is { } to) Add($"{DateColumn} <= {{0}}", to);
        if (p.From is { } f && p.To is { } t2 && f > t2) v.Add("to", "结束日期不能早于开始日期");

        if (!string.IsNullOrWhiteSpace(p.Ipc))
        {
            var ipc = p.Ipc.Trim().ToUpperInvariant().Replace(" ", "");
            if (ipc.Length <= 4 && ipc.Length > 0 && char.IsAsciiLetter(ipc[0])) Add("r.ipc_classes @> ARRAY[{0}]::text[]", ipc);
            else if (IpcSymbol.TryParse(ipc.Contains('/') ? ipc : ipc + "/00", out _) is { } sym)
            {
                // main groups are in ipc_classes ("A61K 36"): one GIN lookup; a subgroup prefix in records_ipc_subgroups
                if (ipc.Contains('/')) _where.Append(" AND ").Append(SubgroupSql(sym.Symbol));
                else Add("r.ipc_classes @> ARRAY[{0}]::text[]", $"{sym.Subclass} {sym.MainGroupNumber}");
            }
            else v.Add("ipc", $"IPC 分类号“{p.Ipc}”无法识别（示例：H01L、H01L31、H01L 31/042）");
        }
        if (!string.IsNullOrWhiteSpace(p.Region))
        {
            var code = p.Region.Trim();
            if (code.Length != 6 || !code.All(char.IsAsciiDigit)) v.Add("region", $"行政区划代码“{code}”应为 6 位数字");
            else Add(RegionColumn(code) + " = {0}", code);
        }
        if (!string.IsNullOrWhiteSpace(p.Industry))
        {
            var ind = p.Industry.Trim().ToUpperInvariant();
            if (ind.Length == 1 && char.IsAsciiLetter(ind[0]))
                Add("r.industry_codes && ARRAY(SELECT code FROM ref_industries WHERE standard = 'GB/T 4754-2011' AND level = 'division' AND section = {0})", ind);
            else if (ind.Length is >= 2 and <= 4 && ind.All(char.IsAsciiDigit)) Add("r.industry_codes @> ARRAY[{0}]::text[]", ind);
            else v.Add("industry", $"行业代码“{p.Industry}”无效（门类字母或 2–4 位数字）");
        }
        var applicantWords = false;
        if (!string.IsNullOrWhiteSpace(p.Applicant))
        {
            var tokens = SearchTokens.TokenList(p.Applicant);
            if (tokens.Count == 0) v.Add("applicant", "申请人检索词无有效字符");
            else
            {
                _where.Append(" AND r.search_codes @> ").Append(Param(CodesOf(tokens))).Append("::int[] AND ")
                    .Append(VectorCheck(string.Join(" <-> ", tokens.Select(x => $"'{x.Replace("'", "''")}':B"))));
                applicantWords = true;
                // inventors share weight B with the applicants in the vector: the name must be part of an applicant's own name
                Add("EXISTS (SELECT 1 FROM unnest(r.applicants) a WHERE strpos(lower(a), lower({0})) > 0)", ApplicantName.Clean(p.Applicant));
            }
        }
        // the application year is a column of the search index (migration 0021): with a word or an applicant, a range
        // within one calendar year (a click on a year facet) is also matched there, so the word is intersected with its
        // year inside the index instead of with a twentieth of the table read from a date index (ADR 0011, fifth
        // session). Without one, the date index alone is cheaper than a year's entries of the search index.
        if ((TsQuery is not null || applicantWords) && DateColumn == "r.application_date" && SearchIndexYear(p.From, p.To) is { } year)
            _where.Append(" AND ").Append(year);
        if (p.EntityId is { } eid) Add("r.applicant_entity_ids @> ARRAY[{0}]::bigint[]", eid);
        if (!string.IsNullOrWhiteSpace(p.Status))
        {
            var st = p.Status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var s in st.Where(s => !RecordStatus.Names.ContainsKey(s))) v.Add("status", $"法律状态“{s}”无效，应为：{string.Join("、", RecordStatus.Names.Keys)}");
            if (st.Length == 1) Add("r.status = {0}", st[0]); else Add("r.status = ANY({0})", st);
        }
        if (p.TechField is { } tf) Add("r.tech_fields @> ARRAY[{0}]::int[]", tf);
        v.ThrowIfInvalid();
    }

    /// <summary>Codes per GIN lookup of a lone character: a scan checks every candidate row against each of its codes,
    /// so several small lookups beat one large one (ADR 0011).</summary>
    private const int PrefixChunk = 64;

    /// <summary>
    /// The index lookup of a lone CJK character when nothing else in the query is: the codes of the bigrams it begins that
    /// occur in records, and of the character alone (search_vocabulary, migration 0024: a small share of the 39,473 it
    /// could begin), in chunks OR'ed together, each behind a sub-select so that the planner estimates it as one unknown array
    /// (0.5 % of the rows) rather than adding up the estimates of many rare codes to a large share of the table and then
    /// reading the table instead of the index. The vector check in front is exact; it is what a row filter evaluates
    /// first if the planner reads the rows another way.
    /// </summary>
    private string PrefixLookup(QueryTerm t, string? weights)
    {
        _prefixLookups++;
        var c = t.Tokens[0][0];
        var codes = _prefixCodes[c]; // read by CreateAsync for every lone character looked up in the index
        var lookup = codes.Length == 0 ? "FALSE"
            : "(" + string.Join(" OR ", codes.Chunk(PrefixChunk).Select(k => $"r.search_codes && (SELECT {Param(k)}::int[])")) + ")";
        return $"({VectorCheck(SearchQuery.TermQuery(t, weights))} AND {lookup})";
    }

    /// <summary>
    /// Whether a node narrows the rows through the search index by itself (a word that is no lone character, a number, a
    /// term in a field): beside it, in an AND, a lone character is only checked on the vector of its rows instead of being
    /// looked up by the hundreds of codes it begins.
    /// </summary>
    private static bool IsAnchor(QueryNode n) => n switch
    {
        TermNode t => !SearchQuery.IsPrefix(t.Term),
        NumberNode => true,
        FieldNode f => IsAnchor(f.Inner),
        AndNode a => a.Children.Any(IsAnchor),
        OrNode o => o.Children.All(IsAnchor),
        _ => false,
    };

    /// <summary>Every term with its field and whether an anchor beside it (or a NOT above it) spares it the index lookup.</summary>
    private static IEnumerable<(QueryTerm Term, SearchField? Field, bool Anchored)> Terms(QueryNode n, bool anchored) => n switch
    {
        TermNode t => [(t.Term, t.Field, anchored)],
        NumberNode { AlsoText: { } text } => [(text, null, anchored)],
        FieldNode f => Terms(f.Inner, anchored),
        AndNode a => a.Children.SelectMany(c => Terms(c, anchored || a.Children.Any(IsAnchor))),
        OrNode o => o.Children.SelectMany(c => Terms(c, anchored)),
        NotNode x => Terms(x.Child, true),
        _ => [],
    };

    /// <summary>
    /// The SQL of an expression node. Every positive term carries an index condition unless it is anchored, so the planner
    /// can combine the terms' index scans (BitmapAnd/BitmapOr); under NOT nothing needs the index, and a NULL (a field
    /// without text) counts as "not there".
    /// </summary>
    private string Sql(QueryNode n, bool anchored) => n switch
    {
        TermNode t => TermSql(t.Term, t.Field, anchored),
        NumberNode x => NumberSql(x, anchored),
        IpcNode x => IpcSql(x),
        DateNode x => DateSql(x, anchored),
        FieldNode x => Sql(x.Inner, anchored),
        AndNode x => "(" + string.Join(" AND ", x.Children.Select(c => Sql(c, anchored || x.Children.Any(IsAnchor)))) + ")",
        OrNode x => "(" + string.Join(" OR ", x.Children.Select(c => Sql(c, anchored))) + ")",
        NotNode x => $"NOT COALESCE({Sql(x.Child, true)}, FALSE)",
        _ => throw new InvalidOperationException(n.GetType().Name),
    };

    private string TermSql(QueryTerm t, SearchField? field, bool anchored)
    {
        if (field is null)
        {
            // in every field: a phrase is verified against the stored folded text, a word on the vector where the codes cannot tell
            if (t.IsPhrase) return $"(r.search_codes @> {Param(CodesOf(t.Tokens))}::int[] AND {PhraseCheck(t)})";
            if (SearchQuery.IsPrefix(t)) return anchored ? VectorCheck(SearchQuery.TermQuery(t)) : PrefixLookup(t, null);
            var lookup = $"r.search_codes @> {Param(CodesOf(t.Tokens))}::int[]";
            return NeedsVectorCheck(t) ? $"({lookup} AND {VectorCheck(SearchQuery.TermQuery(t))})" : lookup;
        }
        if (field.Kind == SearchFieldKind.Agency)
        {
            var names = _agencies[t]; // read by CreateAsync for every agency term
            return names.Length == 0 ? "FALSE" : names.Length == 1 ? $"r.agency = {Param(names[0])}" : $"r.agency = ANY({Param(names)})";
        }
        // in one field: the index narrows by the codes (a lone character by its vocabulary, with the field's weights), the
        // field's own text decides
        var check = FieldCheck(t, field);
        if (SearchQuery.IsPrefix(t))
            return anchored ? $"({VectorCheck(SearchQuery.TermQuery(t, field.Weights))} AND {check})" : $"({PrefixLookup(t, field.Weights)} AND {check})";
        return $"(r.search_codes @> {Param(CodesOf(t.Tokens))}::int[] AND {check})";
    }

    /// <summary>
    /// That the term occurs in the field's stored text (<see cref="FieldText"/>), in any of its columns; behind a CASE the
    /// planner estimates at one half (the codes carry the estimate of the term), and false where the field is empty.
    /// </summary>
    private string FieldCheck(QueryTerm t, SearchField field)
    {
        var pattern = FieldText.For(t);
        var p = Param(pattern.Text);
        var checks = field.Columns.Select(c => pattern.IsRegex ? $"{c} ~ {p}" : $"strpos({c}, {p}) > 0");
        return $"CASE WHEN {string.Join(" OR ", checks)} THEN TRUE ELSE FALSE END";
    }

    /// <summary>
    /// A number (ADR 0015): the canonical application number, the publication number with every kind code (in the
    /// publication or the grant column), the priority keys (records_priority_numbers, migration 0030) — each through its
    /// index — and, for a number written in the box without a field, the same text as words.
    /// </summary>
    private string NumberSql(NumberNode x, bool anchored)
    {
        var parts = new List<string>();
        if (x.Keys.Application is { } app) parts.Add($"r.application_number = {Param(app)}");
        if (x.Keys.Publication is { } pub)
        {
            var variants = Param(NumberForms.PublicationVariants(pub).ToArray());
            parts.Add($"r.publication_number = ANY({variants}) OR r.grant_number = ANY({variants})");
        }
        if (x.Keys.Priority.Length > 0) parts.Add($"(r.priorities <> '{{}}'::text[] AND records_priority_numbers(r.priorities) && {Param(x.Keys.Priority)}::text[])");
        if (x.AlsoText is { } text) parts.Add(TermSql(text, null, anchored));
        return parts.Count == 0 ? "FALSE" : "(" + string.Join(" OR ", parts) + ")";
    }

    /// <summary>An IPC prefix: one lookup in the classes' GIN index, or for a subgroup prefix in the subgroups' (<see cref="SubgroupSql"/>).</summary>
    private string IpcSql(IpcNode x) => x.SymbolPrefix is { } symbol ? SubgroupSql(symbol) : $"r.ipc_classes @> ARRAY[{Param(x.Class)}]::text[]";

    /// <summary>
    /// A subgroup prefix (H01M 10/05, H01M 10/0525; the parser accepts two to six subgroup digits). The index
    /// records_ipc_subgroups (migration 0066, ADR 0072) holds each symbol's main group with its first two subgroup digits: one
    /// lookup finds the records of the prefix's first two digits, and the prefix itself is checked on the symbols of those
    /// records only, not on every record of the main group (A61K 36 holds 2.5 % of the records). The check is exact for two
    /// digits too: evaluated before the index function wherever the planner filters rows (its cost, 1000, puts it last), it
    /// keeps the function off the rows a walk along the date index reads.
    /// </summary>
    private string SubgroupSql(string symbol) =>
        $"(records_ipc_subgroups(r.ipc) @> ARRAY[{Param(symbol[..(symbol.IndexOf('/') + 3)])}]::text[] " +
        $"AND EXISTS (SELECT 1 FROM unnest(r.ipc) i WHERE i LIKE {Param(symbol + "%")}))";

    /// <summary>
    /// A date range. An application-date range within one calendar year beside a word (<paramref name="anchored"/>) is also
    /// matched on the year column of the search index, as the year filter is (migration 0021): the word is intersected with
    /// its year inside the index instead of with a year's worth of rows from the date index (AD=2007 AND TI=阳电 at 5M: 215 →
    /// 38 ms, ADR 0072). Alone, the date index is the cheaper of the two.
    /// </summary>
    private string DateSql(DateNode x, bool anchored)
    {
        var from = x.From is { } f ? Param(f) : null;
        var to = x.To is { } t ? Param(t) : null;
        var each = x.Field.Columns.Select(c => from is not null && to is not null ? $"{c} BETWEEN {from} AND {to}" : from is not null ? $"{c} >= {from}" : $"{c} <= {to}");
        var sql = "(" + string.Join(" OR ", each) + ")";
        return anchored && x.Field.Columns is ["r.application_date"] && SearchIndexYear(x.From, x.To) is { } year ? $"({sql} AND {year})" : sql;
    }

    /// <summary>
    /// For an application-date range within one calendar year, the same year as the search index's year column
    /// (records_search, migration 0021) matches it; null for any other range.
    /// </summary>
    private string? SearchIndexYear(DateOnly? from, DateOnly? to) =>
        from is { } a && to is { } b && a.Year == b.Year ? $"extract(year FROM r.application_date) = {Param((decimal)a.Year)}" : null;

    /// <summary>The distinct search codes of a term's tokens, for a containment lookup in the search index.</summary>
    private static int[] CodesOf(IEnumerable<string> tokens) => tokens.Select(x => SearchTokens.Code(x)).Distinct().ToArray();

    /// <summary>A quoted phrase checked against the stored folded text.</summary>
    private string PhraseCheck(QueryTerm t) => $"strpos(r.search_text, {Param(SearchTokens.Fold(t.Text))}) > 0";

    /// <summary>The folded text of terms, to mark where they occur.</summary>
    private static List<string> MarkTerms(IEnumerable<(QueryTerm Term, SearchField? Field)> terms) =>
        terms.Select(t => SearchTokens.Fold(t.Term.Text).Trim()).Where(t => t.Length > 0).Distinct().ToList();

    /// <summary>Whether the codes of a word's tokens may match more than the word: several tokens (their order), or a Latin word (a hash).</summary>
    private static bool NeedsVectorCheck(QueryTerm t) => t.Tokens.Count > 1 || !SearchTokens.IsCjk(t.Tokens[0][0]);

    /// <summary>
    /// The check of a tsquery on the stored vector, behind a CASE the planner estimates at one half: the codes condition
    /// already carries the estimate of the word, and a second estimate of the same word multiplied in would make every
    /// multi-character word look hundreds of times rarer than it is (the exact-or-sampled count is chosen on it).
    /// </summary>
    private string VectorCheck(string tsquery) => $"CASE WHEN r.search_vector @@ to_tsquery('simple', {Param(tsquery)}) THEN TRUE ELSE FALSE END";

    public static string RegionColumn(string code) =>
        code.EndsWith("0000", StringComparison.Ordinal) ? "r.province_code" : code.EndsWith("00", StringComparison.Ordinal) ? "r.city_code" : "r.county_code";

    private static string Invalid(Validation v, string field, string message, string fallback)
    {
        v.Add(field, message);
        return fallback;
    }

    /// <summary>Adds a condition; {0} is replaced by the next positional parameter.</summary>
    public void Add(string condition, object value)
    {
        Parameters.Add(new NpgsqlParameter { Value = value });
        _where.Append(" AND ").Append(condition.Replace("{0}", "$" + Parameters.Count));
    }

    /// <summary>The next positional parameter placeholder for extra values (limit, cursor …).</summary>
    public string Param(object value, NpgsqlDbType? type = null)
    {
        var p = new NpgsqlParameter { Value = value };
        if (type is { } t) p.NpgsqlDbType = t;
        Parameters.Add(p);
        return "$" + Parameters.Count;
    }

    /// <summary>
    /// The query with the filter's parameters. When a lone character is looked up in the index, the planner is told not
    /// to read the whole table instead, unless <paramref name="allowTableScan"/> (the caller has counted a large share of
    /// the table): its chunks are estimated at 0.5 % of the rows each, many times the share of a rare character, and with
    /// a LIMIT the planner then expects enough rows early in a sequential scan — right for a common character, wrong
    /// for a rare one, whose first page a sequential scan finds only after reading much of the table (ADR 0011). The
    /// setting lasts until the pool resets the connection (DISCARD ALL) on its return.
    /// </summary>
    public NpgsqlBatch Command(NpgsqlDataSource db, string sql, bool allowTableScan = false)
    {
        var batch = db.CreateBatch();
        if (HasPrefixLookup && !allowTableScan) batch.BatchCommands.Add(new NpgsqlBatchCommand("SET enable_seqscan = off"));
        return Add(batch, sql);
    }

    /// <summary>The same on an open connection, which keeps the setting from one command to the next: each command sets it.</summary>
    public NpgsqlBatch Command(NpgsqlConnection conn, string sql, bool allowTableScan = false)
    {
        var batch = conn.CreateBatch();
        if (HasPrefixLookup) batch.BatchCommands.Add(new NpgsqlBatchCommand($"SET enable_seqscan = {(allowTableScan ? "on" : "off")}"));
        return Add(batch, sql);
    }

    private NpgsqlBatch Add(NpgsqlBatch batch, string sql)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var p in Parameters) cmd.Parameters.Add(p.Clone());
        batch.BatchCommands.Add(cmd);
        return batch;
    }

    /// <summary>Lone characters looked up in the search index (<see cref="PrefixLookup"/>).</summary>
    private int _prefixLookups;

    /// <summary>Whether a lone character is looked up in the search index (see <see cref="Command"/>).</summary>
    public bool HasPrefixLookup => _prefixLookups > 0;
}
