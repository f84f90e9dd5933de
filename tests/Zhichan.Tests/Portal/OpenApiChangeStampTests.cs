using System.Text.RegularExpressions;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Portal;

/// <summary>
/// The sync's cursor (ADR 0056) sees a changed record only when its writer stamped <c>change_xid</c>: every UPDATE of the
/// records table in the code must set it (inserts get it by the column's default).
/// </summary>
public class OpenApiChangeStampTests
{
    [Fact]
    public void EveryUpdateOfRecords_StampsTheChangeXid()
    {
        var src = Path.Combine(TestData.RepoRoot, "src", "Zhichan.Api");
        var updates = new List<string>();
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in Regex.Matches(text, @"UPDATE\s+records(?:\s+r)?\s+SET\s(?<set>.*?)(?:\bFROM\b|\bWHERE\b|"")", RegexOptions.Singleline))
            {
                var where = $"{Path.GetRelativePath(src, file)}:{text[..m.Index].Count(c => c == '\n') + 1}";
                updates.Add(where);
                if (!m.Groups["set"].Value.Contains("change_xid = pg_current_xact_id()", StringComparison.Ordinal)) missing.Add(where);
            }
        }
        updates.Count.ShouldBeGreaterThanOrEqualTo(7, "the importer's merge and pins, legal status, reattribution, region completion, entity resolution");
        missing.ShouldBeEmpty("these UPDATEs of records do not set change_xid = pg_current_xact_id(): partners' mirrors would miss the change");
    }
}
