using System.Text.RegularExpressions;

namespace Zhichan.Api.Features.Records.Sources.Xml;

/// <summary>Small helpers shared by the XML parsers to fill a <see cref="RecordDraft"/> without duplicates.</summary>
internal static partial class DraftExtensions
{
    /// <summary>
    /// Adds an event unless the same one is already there (same code and date, and no conflicting description);
    /// a later one that brings a description completes the earlier one.
    /// </summary>
    public static void AddEvent(this RecordDraft draft, string code, string? date, string? description = null)
    {
        date = XmlText.NullIfEmpty(date);
        if (date is null && description is null) return;
        var existing = draft.Events.FindIndex(e => e.Code == code && e.Date == date
                                                   && (e.Description is null || description is null || e.Description == description));
        if (existing >= 0)
        {
            if (draft.Events[existing].Description is null && description is not null)
                draft.Events[existing] = draft.Events[existing] with { Description = description };
            return;
        }

        draft.Events.Add(new EventDraft(code, date, description));
    }

    /// <summary>Adds a party unless one with the same role and name is already there.</summary>
    public static void AddParty(this RecordDraft draft, string role, string? name, string? address = null, string? country = null, string? postcode = null)
    {
        if (string.IsNullOrWhiteSpace(name)) return;
        if (draft.Parties.Any(p => p.Role == role && p.Name == name)) return;
        draft.Parties.Add(new PartyDraft(role, name, XmlText.NullIfEmpty(address), XmlText.NullIfEmpty(country), XmlText.NullIfEmpty(postcode)));
    }

    public static void AddExtra(this RecordDraft draft, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || draft.Extra.ContainsKey(key)) return;
        draft.Extra[key] = value;
    }

    /// <summary>Appends to a list-valued extra ("a; b; c").</summary>
    public static void AppendExtra(this RecordDraft draft, string key, string? value, string separator = "; ")
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        draft.Extra[key] = draft.Extra.TryGetValue(key, out var old) ? old + separator + value : value;
    }

    public static void AddDistinct(this List<string> list, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !list.Contains(value)) list.Add(value);
    }

    /// <summary>"CC number date", the format of <see cref="RecordDraft.Priorities"/>.</summary>
    public static void AddPriority(this RecordDraft draft, string? country, string? number, string? date)
    {
        var text = XmlText.Join(" ", country, number, date);
        if (number is not null && text is not null) draft.Priorities.AddDistinct(text);
    }

    /// <summary>Claims joined with new lines; the first claim also in Extra["first_claim"] and the count in Extra["claim_count"].</summary>
    public static void SetClaims(this RecordDraft draft, IReadOnlyList<string> claims)
    {
        if (claims.Count == 0) return;
        draft.Claims = string.Join("\n", claims);
        draft.Extra["first_claim"] = claims[0];
        draft.Extra["claim_count"] = claims.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Picks the title: Chinese first, then the document language, then the first one; the others go to
    /// Extra["title_&lt;lang&gt;"].
    /// </summary>
    public static void SetTitles(this RecordDraft draft, IEnumerable<(string? Lang, string? Text)> titles, string? documentLanguage)
    {
        var list = titles.Where(t => t.Text is not null).Select(t => (Lang: t.Lang?.ToLowerInvariant(), Text: t.Text!)).ToList();
        if (list.Count == 0) return;
        var chosen = list.FindIndex(t => t.Lang == "zh");
        if (chosen < 0 && documentLanguage is not null) chosen = list.FindIndex(t => t.Lang == documentLanguage.ToLowerInvariant());
        if (chosen < 0) chosen = 0;
        draft.Title = list[chosen].Text;
        for (var i = 0; i < list.Count; i++)
        {
            if (i == chosen || list[i].Text == draft.Title) continue;
            draft.AddExtra("title_" + (list[i].Lang ?? "other"), list[i].Text);
        }
    }

    /// <summary>
    /// Right type of a patent document from its kind code (WIPO ST.16 and national practice): U/Y = utility model
    /// (CN, DE, JP, KR…), S = design (and D for old CN designs), P = US plant patent, otherwise invention.
    /// </summary>
    public static string PatentRightType(string? office, string? kind)
    {
        var k = kind?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(k)) return RightTypes.Invention;
        if (office == "US")
        {
            if (k.StartsWith('S')) return RightTypes.Design;
            if (k.StartsWith('P')) return RightTypes.PlantVariety;
            return RightTypes.Invention;
        }

        if (k.StartsWith('U') || k.StartsWith('Y')) return RightTypes.UtilityModel;
        if (k.StartsWith('S')) return RightTypes.Design;
        if (k.StartsWith('D') && office == "CN") return RightTypes.Design;
        return RightTypes.Invention;
    }

    /// <summary>
    /// Whether a kind code is that of a grant/registration document: B*, C (old CN and DE grants), U/Y (utility model
    /// registrations), S (designs), and for the US also E (reissue) and P2/P3 (plant patents).
    /// </summary>
    public static bool IsGrantKind(string? office, string? kind)
    {
        var k = kind?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(k)) return false;
        if (office == "US") return k[0] is 'B' or 'S' or 'E' || k is "P2" or "P3";
        return k[0] is 'B' or 'C' or 'U' or 'Y' or 'S' || (k[0] == 'D' && office == "CN");
    }

    /// <summary>Right type from a CNIPA application type: the name (发明专利/实用新型/外观设计) or the code (10/20/30).</summary>
    public static string? CnipaApplicationType(string? applType)
    {
        if (string.IsNullOrWhiteSpace(applType)) return null;
        var t = applType.Trim();
        if (t.Contains("实用新型") || t == "20") return RightTypes.UtilityModel;
        if (t.Contains("外观") || t == "30") return RightTypes.Design;
        if (t.Contains("发明") || t == "10") return RightTypes.Invention;
        return null;
    }

    /// <summary>
    /// Splits a CNIPA address written as "邮编 地址" (e.g. "311200 浙江省杭州市…"): returns the address without the postcode and
    /// the postcode. The 2006 format has no separate postcode element and the current one repeats it in the text.
    /// </summary>
    public static (string? Address, string? Postcode) SplitCnPostcode(string? address, string? postcode)
    {
        if (address is null) return (null, postcode);
        var m = LeadingPostcode().Match(address);
        if (m.Success && (postcode is null || postcode == m.Groups[1].Value))
            return (XmlText.NullIfEmpty(address[m.Length..].Trim()), m.Groups[1].Value);
        return (address, postcode);
    }

    /// <summary>Splits a trailing CNIPA agency code: "北京英赛嘉华知识产权代理有限责任公司 11204" → (name, "11204").</summary>
    public static (string? Name, string? Code) SplitAgencyCode(string? name)
    {
        if (name is null) return (null, null);
        var m = TrailingAgencyCode().Match(name);
        return m.Success ? (name[..m.Index].Trim(), m.Groups[1].Value) : (name, null);
    }

    [GeneratedRegex(@"^(\d{6})\s+")]
    private static partial Regex LeadingPostcode();

    [GeneratedRegex(@"\s+(\d{5})$")]
    private static partial Regex TrailingAgencyCode();
}
