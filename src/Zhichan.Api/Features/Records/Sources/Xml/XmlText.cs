using System.Text;
using System.Xml.Linq;

namespace Zhichan.Api.Features.Records.Sources.Xml;

/// <summary>
/// Namespace-agnostic navigation (by local name: the formats mix prefixes freely) and text extraction that keeps the
/// source's wording but removes layout artefacts: hard line wraps of the 2006 CNIPA files (a wrap between Chinese
/// characters disappears, a wrap between Latin words becomes one space), indentation and runs of spaces.
/// </summary>
internal static class XmlText
{
    /// <summary>Marks a hard line break (&lt;br/&gt; in claims) that survives whitespace collapsing.</summary>
    private const char HardBreak = '\u2028';

    private static readonly HashSet<string> SkippedElements = new(StringComparer.Ordinal)
    {
        "img", "Image", "figure", "Figure", "maths", "math", "Math", "chemistry", "Chemistry", "PageImage", "Alt",
        "bio-deposit", "AbstractFigure",
    };

    private static readonly HashSet<string> BreakElements = new(StringComparer.Ordinal) { "br", "Br", "Break" };

    private static readonly HashSet<string> RowElements = new(StringComparer.Ordinal) { "row", "Row" };

    private static readonly HashSet<string> CellElements = new(StringComparer.Ordinal) { "entry", "Entry" };

    private static readonly HashSet<string> ClaimTextElements = new(StringComparer.Ordinal) { "claim-text", "ClaimText" };

    // ---- navigation ----

    public static XElement? Kid(this XElement? e, string localName) =>
        e?.Elements().FirstOrDefault(x => x.Name.LocalName == localName);

    public static XElement? Kid(this XElement? e, params string[] localNames) =>
        e?.Elements().FirstOrDefault(x => localNames.Contains(x.Name.LocalName));

    public static IEnumerable<XElement> Kids(this XElement? e, string localName) =>
        e is null ? [] : e.Elements().Where(x => x.Name.LocalName == localName);

    public static IEnumerable<XElement> Kids(this XElement? e, params string[] localNames) =>
        e is null ? [] : e.Elements().Where(x => localNames.Contains(x.Name.LocalName));

    public static XElement? At(this XElement? e, params string[] localNames)
    {
        foreach (var name in localNames)
        {
            e = e.Kid(name);
            if (e is null) return null;
        }

        return e;
    }

    public static IEnumerable<XElement> Desc(this XElement? e, string localName) =>
        e is null ? [] : e.Descendants().Where(x => x.Name.LocalName == localName);

    public static XElement? FirstDesc(this XElement? e, string localName) => e.Desc(localName).FirstOrDefault();

    /// <summary>Attribute by local name, whatever its namespace.</summary>
    public static string? Attr(this XElement? e, string localName)
    {
        var value = e?.Attributes().FirstOrDefault(a => a.Name.LocalName == localName)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Cleaned text of an element (see <see cref="Inline"/>), null when absent or blank.</summary>
    public static string? Val(this XElement? e) => e is null ? null : NullIfEmpty(Inline(e));

    /// <summary>The element's text exactly as written, only trimmed (classification symbols keep their padding).</summary>
    public static string? Raw(this XElement? e) => e is null ? null : NullIfEmpty(e.Value.Trim());

    /// <summary>Cleaned text of the first child with that local name.</summary>
    public static string? KidVal(this XElement? e, string localName) => e.Kid(localName).Val();

    public static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>Joins the non-empty parts with the separator; null when all are empty.</summary>
    public static string? Join(string separator, params string?[] parts) =>
        NullIfEmpty(string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p))));

    // ---- text ----

    /// <summary>
    /// Text of an element with its inline markup (bold, sub/sup, claim references…), images and formulas left out,
    /// table cells separated by a space and rows by a new line. <paramref name="hardBreaks"/>: &lt;br/&gt; is a real
    /// line break (WIPO files) rather than a print-layout artefact (2006 CNIPA files).
    /// </summary>
    public static string Inline(XElement e, bool hardBreaks = false)
    {
        var sb = new StringBuilder();
        AppendInline(e, sb, hardBreaks);
        return Clean(sb.ToString());
    }

    private static void AppendInline(XElement e, StringBuilder sb, bool hardBreaks)
    {
        foreach (var node in e.Nodes())
        {
            switch (node)
            {
                case XText t:
                    sb.Append(t.Value);
                    break;
                case XElement child when SkippedElements.Contains(child.Name.LocalName):
                    break;
                case XElement child when BreakElements.Contains(child.Name.LocalName):
                    if (hardBreaks) sb.Append(HardBreak);
                    break;
                case XElement child when RowElements.Contains(child.Name.LocalName):
                    sb.Append(HardBreak);
                    AppendInline(child, sb, hardBreaks);
                    break;
                case XElement child when CellElements.Contains(child.Name.LocalName):
                    sb.Append(' ');
                    AppendInline(child, sb, hardBreaks);
                    sb.Append(' ');
                    break;
                case XElement child:
                    AppendInline(child, sb, hardBreaks);
                    break;
            }
        }
    }

    /// <summary>
    /// The text of one claim: every claim-text element (nested or sibling) on its own line, inline markup kept as text.
    /// </summary>
    public static string? ClaimText(XElement claim, bool hardBreaks, params string[] skip)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        WalkClaim(claim, lines, current, hardBreaks, skip);
        Flush(lines, current);
        return NullIfEmpty(string.Join("\n", lines));
    }

    private static void WalkClaim(XElement e, List<string> lines, StringBuilder current, bool hardBreaks, string[] skip)
    {
        foreach (var node in e.Nodes())
        {
            switch (node)
            {
                case XText t:
                    current.Append(t.Value);
                    break;
                case XElement child when skip.Contains(child.Name.LocalName) || SkippedElements.Contains(child.Name.LocalName):
                    break;
                case XElement child when ClaimTextElements.Contains(child.Name.LocalName):
                    Flush(lines, current);
                    WalkClaim(child, lines, current, hardBreaks, skip);
                    Flush(lines, current);
                    break;
                case XElement child when child.Descendants().Any(d => ClaimTextElements.Contains(d.Name.LocalName)):
                    WalkClaim(child, lines, current, hardBreaks, skip);
                    break;
                case XElement child:
                    AppendInline(child, current, hardBreaks);
                    break;
            }
        }
    }

    private static void Flush(List<string> lines, StringBuilder current)
    {
        var text = Clean(current.ToString());
        current.Clear();
        if (text.Length > 0) lines.Add(text);
    }

    /// <summary>
    /// Collapses whitespace: a run that contains a line break disappears when it sits next to a Chinese/full-width
    /// character (a hard wrap inside a Chinese sentence), any other run becomes one space; hard breaks become "\n".
    /// </summary>
    public static string Clean(string? s)
    {
        if (string.IsNullOrEmpty(s)) return string.Empty;
        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == HardBreak)
            {
                TrimEnd(sb);
                if (sb.Length > 0 && sb[^1] != '\n') sb.Append('\n');
                i++;
                while (i < s.Length && char.IsWhiteSpace(s[i]) && s[i] != HardBreak) i++;
                continue;
            }

            if (!char.IsWhiteSpace(c))
            {
                sb.Append(c);
                i++;
                continue;
            }

            var start = i;
            var hasNewline = false;
            while (i < s.Length && char.IsWhiteSpace(s[i]) && s[i] != HardBreak)
            {
                if (s[i] is '\n' or '\r') hasNewline = true;
                i++;
            }

            if (sb.Length == 0 || sb[^1] == '\n' || i >= s.Length || s[i] == HardBreak) continue; // leading/trailing
            var before = s[start - 1];
            var after = s[i];
            if (hasNewline && (IsWide(before) || IsWide(after))) continue;
            sb.Append(' ');
        }

        TrimEnd(sb);
        return sb.ToString();
    }

    private static void TrimEnd(StringBuilder sb)
    {
        while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
    }

    /// <summary>CJK characters, full-width forms and typographic symbols (℃, ～, ×…).</summary>
    private static bool IsWide(char c) => c >= '\u2000';
}
