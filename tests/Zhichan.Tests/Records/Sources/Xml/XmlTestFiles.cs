using System.Text;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Sources.Xml;

namespace Zhichan.Tests.Records.Sources.Xml;

/// <summary>Reads the real XML files under ../shared/data/xml for the importer tests.</summary>
internal static class XmlTestFiles
{
    public static List<RecordDraft> ReadAll(string relative)
    {
        using var stream = File.OpenRead(TestData.File(relative));
        return new XmlRecordReader().Read(stream, Path.GetFileName(relative)).ToList();
    }

    public static RecordDraft ReadSingle(string relative)
    {
        var drafts = ReadAll(relative);
        drafts.Count.ShouldBe(1, $"{relative} holds one document");
        return drafts[0];
    }

    public static string Text(string relative) => File.ReadAllText(TestData.File(relative), Encoding.UTF8);

    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>The document without its XML declaration, processing instructions, DOCTYPE and BOM, ready to nest.</summary>
    public static string Body(string relative)
    {
        var text = Text(relative).TrimStart('\uFEFF');
        var i = 0;
        while (true)
        {
            i = text.IndexOf('<', i);
            if (text[i + 1] is not ('?' or '!')) return text[i..];
            i = text.IndexOf('>', i) + 1;
        }
    }

    public static string[] Names(this RecordDraft draft, string role) =>
        draft.Parties.Where(p => p.Role == role).Select(p => p.Name).ToArray();

    public static PartyDraft First(this RecordDraft draft, string role) => draft.Parties.First(p => p.Role == role);

    public static string? EventDate(this RecordDraft draft, string code) => draft.Events.FirstOrDefault(e => e.Code == code)?.Date;
}
