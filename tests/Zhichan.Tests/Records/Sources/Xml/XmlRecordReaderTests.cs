using System.Text;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Sources.Xml;
using static Zhichan.Tests.Records.Sources.Xml.XmlTestFiles;

namespace Zhichan.Tests.Records.Sources.Xml;

/// <summary>Format detection, collections and concatenations, malformed/empty input and XML security.</summary>
public class XmlRecordReaderTests
{
    private static readonly XmlRecordReader Reader = new();

    [Theory]
    [InlineData("xml/cnipa-new/cn_new1.xml", XmlFormat.CnipaNew)]
    [InlineData("xml/cnipa-new/cn_new2.xml", XmlFormat.CnipaNew)]
    [InlineData("xml/cnipa-old/cn_old1.xml", XmlFormat.CnipaOld)]
    [InlineData("xml/cnipa-old/cn_old2.xml", XmlFormat.CnipaOld)]
    [InlineData("xml/cnipa-old/cn_old3.xml", XmlFormat.CnipaOld)]
    [InlineData("xml/wipo-st36/st36a_DOC00001.xml", XmlFormat.St36)]
    [InlineData("xml/wipo-st36/st36b_DOC00001.xml", XmlFormat.St36)]
    [InlineData("xml/wipo-st96/PatentPublication_Example.xml", XmlFormat.St96Patent)]
    [InlineData("xml/wipo-st96/TrademarkApplication_Example.xml", XmlFormat.St96Trademark)]
    [InlineData("xml/wipo-st96/DesignApplication_Example.xml", XmlFormat.St96Design)]
    [InlineData("xml/wipo-st96/GIApplication_Example.xml", XmlFormat.St96GeographicalIndication)]
    public void Detect_RealFile_ReturnsFormatAndRewinds(string file, XmlFormat expected)
    {
        using var stream = File.OpenRead(TestData.File(file));

        XmlFormatDetector.Detect(stream).ShouldBe(expected);

        stream.Position.ShouldBe(0);
        Reader.Read(stream, "x.xml").Count().ShouldBe(1);
    }

    [Fact]
    public void Detect_RenamedFile_UsesContentNotName()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"zhichan-{Guid.NewGuid():N}.cnipa-new.xml");
        File.Copy(TestData.File("xml/wipo-st96/GIApplication_Example.xml"), copy);
        try
        {
            using var stream = File.OpenRead(copy);
            XmlFormatDetector.Detect(stream).ShouldBe(XmlFormat.St96GeographicalIndication);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void Read_UnknownRoot_ThrowsChineseFormatError()
    {
        var xml = "<?xml version=\"1.0\"?>\n<orders xmlns=\"urn:example:orders\"><order id=\"1\"/></orders>";

        var detection = XmlFormatDetector.Sniff(Utf8(xml));
        detection.Format.ShouldBe(XmlFormat.Unknown);
        detection.Error.ShouldStartWith("无法识别的XML格式：根元素 orders（命名空间 urn:example:orders）。目前支持：");
        var ex = Should.Throw<XmlImportException>(() => Reader.Read(Utf8(xml), "orders.xml").ToList());
        ex.Message.ShouldStartWith("无法识别的XML格式：根元素 orders（命名空间 urn:example:orders）。目前支持：");
        ex.Message.ShouldContain("EPO DOCDB");
        ex.SourceName.ShouldBe("orders.xml");
    }

    [Fact]
    public void Read_TwoRealDocumentsUnderOneRoot_YieldsTwoDrafts()
    {
        var xml = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<documents>\n{Body("xml/cnipa-old/cn_old1.xml")}\n{Body("xml/cnipa-old/cn_old3.xml")}\n</documents>";

        XmlFormatDetector.Detect(Utf8(xml)).ShouldBe(XmlFormat.CnipaOld);
        var drafts = Reader.Read(Utf8(xml), "batch.xml").ToList();

        drafts.Count.ShouldBe(2);
        drafts.Select(d => d.ApplicationNumber).ShouldBe(["201410408762.5", "201480000788.4"]);
        drafts.Select(d => d.SourceRef).ShouldBe(["batch.xml#1", "batch.xml#2"]);
    }

    [Fact]
    public void Read_MixedFormatsUnderOneRoot_DispatchesEachDocument()
    {
        var xml = $"<batch>{Body("xml/cnipa-new/cn_new2.xml")}<nested>{Body("xml/wipo-st96/GIApplication_Example.xml")}</nested>{Body("xml/cnipa-old/cn_old3.xml")}</batch>";

        var drafts = Reader.Read(Utf8(xml), "mixed.xml").ToList();

        drafts.Select(d => d.RightType).ShouldBe([RightTypes.Invention, RightTypes.GeographicalIndication, RightTypes.Invention]);
        drafts.Select(d => d.ApplicationNumber).ShouldBe(["202110991218.8", "IG 18-002", "201480000788.4"]);
    }

    [Fact]
    public void Read_ConcatenatedCompleteDocuments_YieldsOneDraftEach()
    {
        // Bulk files put whole documents (declaration, DOCTYPE, BOM) one after the other.
        var bytes = File.ReadAllBytes(TestData.File("xml/cnipa-old/cn_old1.xml"))
            .Concat("\n"u8.ToArray())
            .Concat(File.ReadAllBytes(TestData.File("xml/wipo-st36/st36a_DOC00001.xml")))
            .Concat(File.ReadAllBytes(TestData.File("xml/cnipa-new/cn_new1.xml")))
            .ToArray();

        var drafts = Reader.Read(new MemoryStream(bytes), "bulk.xml").ToList();

        drafts.Select(d => d.PublicationNumber).ShouldBe(["104223352", "1667425", "113781974"]);
        drafts.Select(d => d.SourceRef).ShouldBe(["bulk.xml#1", "bulk.xml#2", "bulk.xml#3"]);
    }

    [Fact]
    public void Read_TruncatedRealFile_ThrowsWithLineNumber()
    {
        var text = Text("xml/cnipa-old/cn_old2.xml");
        var truncated = text[..(text.Length / 2)];
        var expectedLine = truncated.Count(c => c == '\n') + 1;

        var ex = Should.Throw<XmlImportException>(() => Reader.Read(Utf8(truncated), "cn_old2.xml").ToList());

        ex.LineNumber.ShouldBe(expectedLine);
        ex.LinePosition.ShouldBeGreaterThan(0);
        ex.Message.ShouldStartWith($"XML格式错误：第 {expectedLine} 行第 {ex.LinePosition} 列：文件意外结束");
        ex.SourceName.ShouldBe("cn_old2.xml");
    }

    [Fact]
    public void Read_BrokenTagInRealFile_ReportsItsLine()
    {
        var lines = Text("xml/cnipa-new/cn_new2.xml").Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("<base:Name>浙商银行股份有限公司</base:Name>"));
        lines[line] = lines[line].Replace("</base:Name>", "</base:Nme>");

        var ex = Should.Throw<XmlImportException>(() => Reader.Read(Utf8(string.Join('\n', lines)), "cn_new2.xml").ToList());

        ex.LineNumber.ShouldBe(line + 1);
        ex.Message.ShouldStartWith($"XML格式错误：第 {line + 1} 行");
    }

    [Fact]
    public void Read_TruncatedSecondDocumentOfConcatenation_ReportsLineInWholeFile()
    {
        var first = Text("xml/cnipa-old/cn_old1.xml");
        var second = Text("xml/cnipa-old/cn_old2.xml");
        var content = first + "\n" + second[..(second.Length / 3)];
        var expectedLine = content.Count(c => c == '\n') + 1;
        var drafts = new List<RecordDraft>();

        var ex = Should.Throw<XmlImportException>(() =>
        {
            foreach (var d in Reader.Read(Utf8(content), "bulk.xml")) drafts.Add(d);
        });

        drafts.Count.ShouldBe(1); // the complete first document was returned before the error
        ex.LineNumber.ShouldBe(expectedLine);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n\t ")]
    public void Read_EmptyStream_ThrowsFileIsEmpty(string content)
    {
        var ex = Should.Throw<XmlImportException>(() => Reader.Read(Utf8(content), "empty.xml").ToList());

        ex.Message.ShouldBe("文件为空");
        Should.Throw<XmlImportException>(() => XmlFormatDetector.Detect(Utf8(content))).Message.ShouldBe("文件为空");
    }

    [Fact]
    public void Read_DoctypeWithExternalEntity_DoesNotResolveIt()
    {
        var secretFile = Path.Combine(Path.GetTempPath(), $"zhichan-secret-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secretFile, "TOP-SECRET-CONTENT");
        try
        {
            var uri = new Uri(secretFile).AbsoluteUri;
            var xml = $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE cn-patent-document [
                  <!ENTITY xxe SYSTEM "{uri}">
                  <!ENTITY remote SYSTEM "http://127.0.0.1:9/steal">
                  <!ENTITY % dtd SYSTEM "http://127.0.0.1:9/evil.dtd">
                  %dtd;
                ]>
                <cn-patent-document>
                  <cn-bibliographic-data>
                    <application-reference appl-type="发明专利"><document-id><doc-number>201410408762.5</doc-number></document-id></application-reference>
                    <invention-title>标题&xxe;&remote;</invention-title>
                  </cn-bibliographic-data>
                </cn-patent-document>
                """;

            var d = Reader.Read(Utf8(xml), "xxe.xml").Single();

            d.Title.ShouldBe("标题");
            d.ApplicationNumber.ShouldBe("201410408762.5");
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [Fact]
    public void Read_EntityExpansionBomb_IsStoppedWithXmlImportException()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE cn-patent-document [<!ENTITY a0 \"0123456789\">");
        for (var i = 1; i < 10; i++) sb.Append($"<!ENTITY a{i} \"{string.Concat(Enumerable.Repeat($"&a{i - 1};", 10))}\">");
        sb.Append("]><cn-patent-document><cn-bibliographic-data><invention-title>&a9;</invention-title></cn-bibliographic-data></cn-patent-document>");

        Should.Throw<XmlImportException>(() => Reader.Read(Utf8(sb.ToString()), "bomb.xml").ToList())
            .Message.ShouldStartWith("XML格式错误");
    }

    [Fact]
    public void Read_GbkEncodedFile_DecodesChinese()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<cn-patent-document><cn-bibliographic-data>"
                  + "<application-reference appl-type=\"实用新型\"><document-id><doc-number>201520012345.6</doc-number><date>20150105</date></document-id></application-reference>"
                  + "<invention-title>一种折叠椅</invention-title></cn-bibliographic-data></cn-patent-document>";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GBK").GetBytes(xml);

        var d = Reader.Read(new MemoryStream(bytes), "gbk.xml").Single();

        d.Title.ShouldBe("一种折叠椅");
        d.RightType.ShouldBe(RightTypes.UtilityModel);
    }

    [Fact]
    public void Read_LargeCollection_StreamsWithoutReadingWholeFile()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><documents>");
        for (var i = 0; i < 20_000; i++)
            sb.Append($"<cn-patent-document><cn-bibliographic-data><application-reference appl-type=\"发明专利\"><document-id><doc-number>2014{i:D8}.1</doc-number></document-id></application-reference><invention-title>标题{i}</invention-title></cn-bibliographic-data></cn-patent-document>\n");
        sb.Append("</documents>");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(sb.ToString()));

        var first = Reader.Read(stream, "big.xml").Take(2).ToList();

        first.Select(d => d.Title).ShouldBe(["标题0", "标题1"]);
        stream.Position.ShouldBeLessThan(stream.Length / 10);
    }

    [Fact]
    public void Read_GrantKindCodes_SetRightTypeAndGrantEvent()
    {
        static RecordDraft Doc(string kind, string type) => Reader.Read(Utf8($"""
            <cn-patent-document><cn-bibliographic-data>
              <cn-publication-reference><document-id><country>CN</country><doc-number>204000001</doc-number><kind>{kind}</kind><date>20141224</date></document-id></cn-publication-reference>
              <application-reference appl-type="{type}"><document-id><country>CN</country><doc-number>201420000001.X</doc-number><date>20140101</date></document-id></application-reference>
            </cn-bibliographic-data></cn-patent-document>
            """), "k.xml").Single();

        var utility = Doc("U", "实用新型");
        utility.RightType.ShouldBe(RightTypes.UtilityModel);
        utility.GrantNumber.ShouldBe("204000001");
        utility.GrantDate.ShouldBe("20141224");
        utility.Events.ShouldBe([new EventDraft(LegalEventCodes.Filed, "20140101"), new EventDraft(LegalEventCodes.Granted, "20141224")]);
        Doc("S", "外观设计").RightType.ShouldBe(RightTypes.Design);
        Doc("B", "发明专利").EventDate(LegalEventCodes.Granted).ShouldBe("20141224");
        Doc("A", "发明专利").GrantNumber.ShouldBeNull();
    }
}
