using System.Text;
using System.Text.RegularExpressions;
using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Api.Features.Records.Search;

/// <summary>
/// A number as a user typed or pasted it, and the stored values it can match (ADR 0015): the canonical application number
/// (<see cref="ApplicationNumber"/>: with or without CN/ZL, dot and check digit, the 17-character form, old 8-digit numbers),
/// the publication number without its kind code (<see cref="PublicationNumber"/>: CN106560782A, CN106560782, 106560782,
/// CN106560782A8 all give CN106560782, looked up with every kind) and the priority keys (<see cref="PriorityKey"/>).
/// </summary>
/// <param name="Text">The number as written (trimmed).</param>
/// <param name="Application">The canonical application number (201710447290.8), when the text is one.</param>
/// <param name="Publication">Office + digits of a publication or grant number (CN106560782), when the text is one.</param>
/// <param name="Priority">Keys compared with the priority keys of records (records_priority_numbers, migration 0030).</param>
/// <param name="Error">Why the text is no number of the kinds asked for (Chinese), or null.</param>
public sealed record NumberKeys(string Text, string? Application, string? Publication, string[] Priority, string? Error)
{
    public bool IsValid => Error is null;
}

public static partial class NumberForms
{
    /// <summary>The most numbers one search looks up (a pasted list).</summary>
    public const int MaxNumbers = 200;

    /// <summary>The kind codes a CN publication or grant can carry, each alone and with a correction digit.</summary>
    private static readonly string[] KindSuffixes =
        ["", .. PublicationNumber.KindNames.Keys.SelectMany(k => new[] { $"{k}", $"{k}8", $"{k}9" })];

    /// <summary>The stored forms of a publication number (office + digits): the number alone and with every kind code.</summary>
    public static IEnumerable<string> PublicationVariants(string number) => KindSuffixes.Select(k => number + k);

    /// <summary>
    /// A priority number as compared: upper-case letters and digits only (KR 10-2013-0033547 → KR1020130033547). The
    /// stored priorities give this key and the key without their two-letter country (migration 0030), so a number matches
    /// with or without its country.
    /// </summary>
    public static string PriorityKey(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            var c = TextWidth.ToHalfWidth(ch);
            if (c is >= 'a' and <= 'z') sb.Append((char)(c - 32));
            else if (c is >= 'A' and <= 'Z' or >= '0' and <= '9') sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Upper case, full-width folded, spaces removed, the Chinese full stop as a dot.</summary>
    private static string Compact(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            var c = TextWidth.ToHalfWidth(ch);
            if (char.IsWhiteSpace(c)) continue;
            if (c == '。') c = '.';
            sb.Append(c is >= 'a' and <= 'z' ? (char)(c - 32) : c);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"^(CN|ZL|CNZL)?([0-9]{8}|[0-9]{12})(\.?[0-9X])?$|^(CN)?[0-9]{15}$")]
    private static partial Regex ApplicationShape();

    [GeneratedRegex(@"^(CN)?[0-9]{7,9}[A-Z][0-9]?$|^CN[0-9]{7,9}$|^[0-9]{9}$")]
    private static partial Regex PublicationShape();

    /// <summary>Another office's application number: its two-letter country, then digits with the separators offices write.</summary>
    [GeneratedRegex(@"^[A-Z]{2}[0-9][0-9/.,-]*[0-9]$")]
    private static partial Regex PriorityShape();

    /// <summary>
    /// Whether a word of the search box is a number (then it is looked up as one, ADR 0015): a CN application number or a
    /// publication/grant number that parses, one that is unmistakably meant as one (a CN/ZL prefix, a dot before the check
    /// digit, 12 or 15 digits) even when it does not (it is reported with the reason), or another office's number with its
    /// country and at least six digits. Bare digit strings that are no CN number (100000) stay words.
    /// </summary>
    public static NumberKeys? Recognise(string word)
    {
        var s = Compact(word);
        if (s.Length is < 7 or > 40) return null;
        var app = ApplicationShape().IsMatch(s);
        var pub = PublicationShape().IsMatch(s);
        if (app || pub)
        {
            var keys = Parse(word, NumberKinds.Any);
            if (keys.IsValid) return keys;
            var digits = s.Count(char.IsAsciiDigit);
            var meant = s.StartsWith("CN", StringComparison.Ordinal) || s.StartsWith("ZL", StringComparison.Ordinal) || s.Contains('.')
                        || digits is 12 or 13 or 15 || pub && char.IsAsciiLetter(s[^1]);
            return meant ? keys : null;
        }
        if (PriorityShape().IsMatch(s) && s.Count(char.IsAsciiDigit) >= 6) return Parse(word, NumberKinds.Priority);
        return null;
    }

    /// <summary>
    /// The keys of a number of the given kinds. <see cref="NumberKeys.Error"/> says why, in Chinese, when the text is none of
    /// them, or when it has the shape of an application number that does not parse (a wrong check digit: such a number is
    /// never looked up as something else).
    /// </summary>
    public static NumberKeys Parse(string text, NumberKinds kinds)
    {
        text = text.Trim();
        var s = Compact(text);
        var appShaped = ApplicationShape().IsMatch(s);
        var pubShaped = PublicationShape().IsMatch(s);
        string? application = null, publication = null, appError = null, pubError = null;
        if (kinds.HasFlag(NumberKinds.Application)) application = ApplicationNumber.TryParse(text, out appError)?.Canonical;
        if (kinds.HasFlag(NumberKinds.Publication)) publication = Normalisation.PublicationNumber.TryParse(text, out pubError)?.Number;
        string? error = null;
        if (application is null && publication is null)
        {
            if (kinds == NumberKinds.Application || appShaped && kinds.HasFlag(NumberKinds.Application)) error = appError;
            else if (kinds == NumberKinds.Publication || pubShaped && kinds.HasFlag(NumberKinds.Publication)) error = pubError;
        }
        var priority = new List<string>();
        if (error is null && kinds.HasFlag(NumberKinds.Priority))
        {
            var key = PriorityKey(text);
            if (key.Count(char.IsAsciiDigit) >= 4) priority.Add(key);
            // a CN application number claimed as a priority, in whatever form the source wrote it
            if (application is not null)
            {
                priority.Add(PriorityKey(application));
                priority.Add("CN" + PriorityKey(application));
            }
            if (priority.Count == 0 && kinds == NumberKinds.Priority) error = $"优先权号“{text}”无法识别（应含至少 4 位数字，如 KR10-2013-0033547）";
        }
        if (error is null && application is null && publication is null && priority.Count == 0) error = $"号码“{text}”无法识别";
        return new NumberKeys(text, application, publication, [.. priority.Distinct()], error);
    }

    /// <summary>
    /// The search box as a list of numbers, or null when it is not one: numbers one per line or separated by ";", "；",
    /// "、", tabs, spaces or commas (a number written with spaces inside, CN 106560782 A, counts as one when its line is one
    /// number). Every item must be a number (<see cref="Recognise"/>).
    /// </summary>
    public static List<NumberKeys>? List(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return null;
        var list = new List<NumberKeys>();
        foreach (var line in q.Split(['\n', '\r', ';', '；', '、', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Recognise(line) is { } whole) { list.Add(whole); continue; }
            foreach (var part in line.Split([' ', '\u3000', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Recognise(part) is not { } one) return null;
                list.Add(one);
            }
        }
        return list.Count > 0 ? list : null;
    }
}

/// <summary>A pasted number without a record, and why when it is no valid number (a wrong check digit …).</summary>
public sealed record NumberNotFound(string Number, string? Reason);

/// <summary>
/// What a search by a list of numbers found (added to SearchRecords' answer): how many numbers were asked for, how many
/// found a record, and the numbers that found none, in the order pasted.
/// </summary>
public sealed record NumberReport(int Requested, int Found, IReadOnlyList<NumberNotFound> NotFound);

/// <summary>
/// The records of a pasted list of numbers (ADR 0015), in the order of the list: for each number the record whose
/// application, publication or grant number it is, then the records claiming it as a priority. Both forms of one
/// application lead to its one record, which is listed once.
/// </summary>
public sealed partial class NumberLookup
{
    /// <summary>The most records a list returns (priorities can be claimed by a family of applications).</summary>
    public const int MaxRecords = 10_000;

    public required long[] Ids { get; init; }
    public required NumberReport Report { get; init; }

    [GeneratedRegex(@"^[A-Z]{2}[0-9]+")]
    private static partial Regex NumberPart();

    public static async Task<NumberLookup> FindAsync(IReadOnlyList<NumberKeys> items, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await FindAsync(items, conn, ct);
    }

    /// <summary>The look-up on an open connection (a search's reads all on one connection, ADR 0068).</summary>
    public static async Task<NumberLookup> FindAsync(IReadOnlyList<NumberKeys> items, NpgsqlConnection conn, CancellationToken ct)
    {
        var valid = items.Where(i => i.IsValid).ToList();
        var apps = valid.Select(i => i.Application).OfType<string>().Distinct().ToArray();
        var pubs = valid.Select(i => i.Publication).OfType<string>().Distinct().SelectMany(NumberForms.PublicationVariants).ToArray();
        var keys = valid.SelectMany(i => i.Priority).Distinct().ToArray();
        var rows = new List<(long Id, string? App, string? Pub, string? Grant, string[] Keys)>();
        if (valid.Count > 0)
        {
            // the planner cannot estimate the priority keys' overlap (&&) on the GIN index and expects ~5 % of the table,
            // which makes it start two parallel workers for a look-up that touches a handful of rows: 20–25 ms of worker
            // start-up instead of under 1 ms. The look-up runs without parallel workers (in its own transaction)
            await using var tx = await conn.BeginTransactionAsync(ct);
            await using (var serial = new NpgsqlCommand("SET LOCAL max_parallel_workers_per_gather = 0", conn, tx)) await serial.ExecuteNonQueryAsync(ct);
            await using var cmd = new NpgsqlCommand("""
                SELECT r.id, r.application_number, r.publication_number, r.grant_number,
                       CASE WHEN r.priorities <> '{}'::text[] THEN records_priority_numbers(r.priorities) ELSE '{}'::text[] END
                FROM records r
                WHERE r.application_number = ANY($1) OR r.publication_number = ANY($2) OR r.grant_number = ANY($2)
                   OR (r.priorities <> '{}'::text[] AND records_priority_numbers(r.priorities) && $3)
                LIMIT 100000
                """, conn, tx);
            cmd.Parameters.Add(new NpgsqlParameter { Value = apps });
            cmd.Parameters.Add(new NpgsqlParameter { Value = pubs });
            cmd.Parameters.Add(new NpgsqlParameter { Value = keys });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                rows.Add((r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                    r.GetFieldValue<string[]>(4)));
        }
        var found = new bool[items.Count];
        var ordered = new List<(int Item, int Priority, long Id)>();
        foreach (var row in rows)
        {
            var pub = row.Pub is null ? null : NumberPart().Match(row.Pub).Value;
            var grant = row.Grant is null ? null : NumberPart().Match(row.Grant).Value;
            var best = (Item: int.MaxValue, Priority: 1);
            for (var k = 0; k < items.Count; k++)
            {
                var item = items[k];
                if (!item.IsValid) continue;
                var direct = item.Application is not null && item.Application == row.App
                             || item.Publication is not null && (item.Publication == pub || item.Publication == grant);
                var claimed = !direct && item.Priority.Length > 0 && row.Keys.Length > 0 && item.Priority.Intersect(row.Keys).Any();
                if (!direct && !claimed) continue;
                // a CN number is found when its own record is; another office's, when a record claims it
                if (direct || item.Application is null && item.Publication is null) found[k] = true;
                var candidate = (k, direct ? 0 : 1);
                if (candidate.CompareTo(best) < 0) best = candidate;
            }
            if (best.Item != int.MaxValue) ordered.Add((best.Item, best.Priority, row.Id));
        }
        var ids = ordered.OrderBy(o => o.Item).ThenBy(o => o.Priority).ThenBy(o => o.Id).Select(o => o.Id).Distinct().Take(MaxRecords).ToArray();
        var notFound = new List<NumberNotFound>();
        var seen = new HashSet<string>();
        for (var k = 0; k < items.Count; k++)
            if (!found[k] && seen.Add(items[k].Text)) notFound.Add(new NumberNotFound(items[k].Text, items[k].Error));
        return new NumberLookup { Ids = ids, Report = new NumberReport(items.Count, found.Count(x => x), notFound) };
    }
}
