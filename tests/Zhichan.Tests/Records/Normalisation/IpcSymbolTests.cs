using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Tests.Records.Normalisation;

public class IpcSymbolTests
{
    [Theory]
    [InlineData("B07C5/342", "B07C 5/342")]
    [InlineData("A61N    5/00    (2006.01)", "A61N 5/00")]
    [InlineData("H04L 29/06(2006.01)I", "H04L 29/06")]
    [InlineData("C07D 403/04        20060101AFI20050526BHEP        ", "C07D 403/04")]
    [InlineData("ｇ０６ｆ１７／３０", "G06F 17/30")]
    [InlineData("g06f 17 / 30", "G06F 17/30")]
    [InlineData("H01L27/11526", "H01L 27/11526")]
    [InlineData("G06F018/2321", "G06F 18/2321")]
    [InlineData("7C 07C  29/44   A", "C07C 29/44")]   // the EPO's text of the editions before 2006 (old EP B511, DOCDB)
    [InlineData("6A 61K   9/20", "A61K 9/20")]
    [InlineData("C 07C 29/44", "C07C 29/44")]
    public void TryParse_SourceForms_GiveDisplaySymbol(string raw, string expected)
    {
        var s = IpcSymbol.TryParse(raw, out var error);

        error.ShouldBeNull();
        s!.Symbol.ShouldBe(expected);
    }

    [Fact]
    public void ParseList_OldEpText_KeepsEveryEditionSymbolAndItsEdition()
    {
        var list = IpcSymbol.ParseList("7C 07C  29/44   A;7C 07C  31/20   B\n7B 01J  23/00");
        list.Errors.ShouldBeEmpty();
        list.Symbols.Select(s => s.Symbol).ShouldBe(["C07C 29/44", "C07C 31/20", "B01J 23/00"]);
        list.Symbols.ShouldAllBe(s => s.Version == "7");
    }

    [Fact]
    public void TryParse_Symbol_ExposesHierarchy()
    {
        var s = IpcSymbol.TryParse("B07C5/342", out _)!;

        s.Section.ShouldBe('B');
        s.Class.ShouldBe("B07");
        s.Subclass.ShouldBe("B07C");
        s.MainGroup.ShouldBe("B07C 5/00");
        s.IsMainGroup.ShouldBeFalse();
    }

    [Fact]
    public void TryParse_VersionAnnotation_IsKept()
    {
        IpcSymbol.TryParse("G09G    3/3208  (2016.01)", out _)!.Version.ShouldBe("2016.01");
        IpcSymbol.TryParse("A61K  31/41        20060101ALI20050526BHEP", out _)!.Version.ShouldBe("2006.01");
    }

    [Fact]
    public void ParseList_FileFormWithTrailingSemicolon_KeepsOrder()
    {
        // Row CN106544332A of the 2017 file.
        var list = IpcSymbol.ParseList("C12N9/42;C12N15/56;C12N15/80;C12N1/15;C12P19/14;C12P19/02;C12R1/685;");

        list.Errors.ShouldBeEmpty();
        list.Symbols.Select(s => s.Symbol).ShouldBe(["C12N 9/42", "C12N 15/56", "C12N 15/80", "C12N 1/15", "C12P 19/14", "C12P 19/02", "C12R 1/685"]);
    }

    [Theory]
    [InlineData("G06F17/30 H04L29/06")]
    [InlineData("G06F17/30,H04L29/06")]
    [InlineData("G06F17/30，H04L29/06")]
    [InlineData("G06F17/30；H04L29/06；")]
    [InlineData("G06F17/30、H04L29/06")]
    [InlineData("G06F  17/30  (2006.01)\nH04L  29/06  (2006.01)")]
    [InlineData("G06F17/30;H04L29/06;G06F17/30")]
    public void ParseList_SeparatorsAndDuplicates_GiveTwoSymbols(string raw)
    {
        var list = IpcSymbol.ParseList(raw);

        list.Errors.ShouldBeEmpty();
        list.Symbols.Select(s => s.Symbol).ShouldBe(["G06F 17/30", "H04L 29/06"]);
    }

    [Fact]
    public void ParseList_GarbageBetweenSymbols_ReportsItAndKeepsTheRest()
    {
        var list = IpcSymbol.ParseList("B07C5/342;foo;G06Q40/02");

        list.Symbols.Select(s => s.Symbol).ShouldBe(["B07C 5/342", "G06Q 40/02"]);
        list.Errors.ShouldHaveSingleItem().ShouldBe("IPC 分类号格式无效：FOO（应如 B07C 5/342）");
    }

    [Theory]
    [InlineData("B07C")]
    [InlineData("Z07C5/342")]
    [InlineData("B07C5")]
    [InlineData("B07C5/3")]
    [InlineData("B07C0/34")]
    [InlineData("B07C5/342X")]
    [InlineData("发明专利")]
    [InlineData("")]
    [InlineData("G06F17/30;H04L29/06")]
    public void TryParse_NotOneValidSymbol_ReturnsError(string raw)
    {
        IpcSymbol.TryParse(raw, out var error).ShouldBeNull();

        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void ParseList_EveryIpcFieldOfThe2017File_ParsesWithoutError()
    {
        var rows = Patents2017.Rows;
        var bad = rows.Where(r => IpcSymbol.ParseList(r.Ipc).Errors.Count > 0).Select(r => r.Ipc).Take(5).ToList();
        var symbols = rows.Sum(r => IpcSymbol.ParseList(r.Ipc).Symbols.Count);

        bad.ShouldBeEmpty();
        symbols.ShouldBeGreaterThan(500_000);
    }
}
