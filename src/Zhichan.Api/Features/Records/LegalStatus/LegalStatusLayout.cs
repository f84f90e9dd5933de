using Zhichan.Api.Platform.Files;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Api.Features.Records.Sources.Tabular;

namespace Zhichan.Api.Features.Records.LegalStatus;

/// <summary>One row of the legal-status file, read and checked: the event it states, for the application it names.</summary>
public sealed record LegalStatusRow(long RowNumber, string RecordKey, string ApplicationNumber, string RawApplicationNumber, bool NumberRestored,
    DateOnly EventDate, string Code, string StatusText, string InfoText, string GrantPublicationNumber);

/// <summary>
/// The CNIPA legal-status layout (法律状态, columns 授权公告号, 申请号, 法律状态公告日, 法律状态, 法律状态信息; ADR 0017): how to
/// recognise it, and a row of it as an event or a rejection. The gazette texts are mapped to the records' event codes by the
/// rules of the seed <c>Seeds/cnipa-legal-status.json</c>.
/// </summary>
public static class LegalStatusLayout
{
    public const string Format = "cnipa-legal-status";
    public const string GrantNumberColumn = "授权公告号", ApplicationNumberColumn = "申请号", DateColumn = "法律状态公告日",
        StatusColumn = "法律状态", InfoColumn = "法律状态信息";

    private sealed record Rule(string? Status, string? StatusSuffix, string? InfoContains, string Code);

    private sealed record Seed(List<Rule> Rules);

    private static readonly IReadOnlyList<Rule> Rules = EmbeddedSeeds.Read<Seed>("Records", "cnipa-legal-status.json").Rules;

    /// <summary>True when the header is this layout's: the application number, the gazette date and the status by these names.</summary>
    public static bool Matches(IReadOnlyList<string> header) =>
        header.Contains(ApplicationNumberColumn) && header.Contains(DateColumn) && header.Contains(StatusColumn);

    /// <summary>The event code of a gazette status and its detail text (the first rule that matches); <see cref="LegalEventCodes.Other"/> for a status no rule knows.</summary>
    public static string Map(string status, string info)
    {
        foreach (var r in Rules)
        {
            var statusMatches = r.Status is not null ? status == r.Status : r.StatusSuffix is not null && status.EndsWith(r.StatusSuffix, StringComparison.Ordinal);
            if (statusMatches && (r.InfoContains is null || info.Contains(r.InfoContains, StringComparison.Ordinal))) return r.Code;
        }
        return LegalEventCodes.Other;
    }

    /// <summary>The codes the seed maps to, for a test that they are all in the records' vocabulary.</summary>
    public static IEnumerable<string> MappedCodes => Rules.Select(r => r.Code).Distinct();

    /// <summary>The positions of the layout's columns in a header (-1 for an optional column that is missing).</summary>
    public sealed record Columns(int GrantNumber, int ApplicationNumber, int Date, int Status, int Info)
    {
        public static Columns Of(IReadOnlyList<string> header)
        {
            int At(string name) => header.ToList().IndexOf(name);
            return new Columns(At(GrantNumberColumn), At(ApplicationNumberColumn), At(DateColumn), At(StatusColumn), At(InfoColumn));
        }
    }

    /// <summary>A row as an event, or null with its rejections (Chinese reasons; every rejection rejects the whole row).</summary>
    public static LegalStatusRow? Read(TabularRow row, Columns c, List<Rejection> rejections)
    {
        string Cell(int i) => i >= 0 && i < row.Cells.Length ? row.Cells[i].Trim() : "";
        var rawNumber = Cell(c.ApplicationNumber);
        var before = rejections.Count;
        var number = ApplicationNumber.TryParseSpreadsheetCell(rawNumber, out var restored, out var numberError);
        if (number is null) rejections.Add(new(row.RowNumber, "applicationNumber", rawNumber, numberError ?? "申请号无法识别"));
        var rawDate = Cell(c.Date);
        DateOnly date = default;
        if (!DateParser.TryParse(rawDate, out date, out var dateError))
            rejections.Add(new(row.RowNumber, "eventDate", rawDate, dateError ?? "缺少法律状态公告日"));
        var status = Cell(c.Status);
        if (status.Length == 0) rejections.Add(new(row.RowNumber, "legalStatus", null, "缺少法律状态"));
        if (rejections.Count > before) return null;
        var info = Cell(c.Info);
        return new LegalStatusRow(row.RowNumber, $"CN:P:{number!.Canonical}", number.Canonical, rawNumber, restored, date, Map(status, info), status, info,
            Cell(c.GrantNumber));
    }
}
