using Xunit.Abstractions;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Tests.Records.Normalisation;

public class ApplicationNumberTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("CN201410000511.3")]
    [InlineData("201410000511.3")]
    [InlineData("2014100005113")]
    [InlineData("ZL201410000511.3")]
    [InlineData("ZL 2014 1 0000511.3")]
    [InlineData(" cn201410000511.3 ")]
    [InlineData("ＣＮ２０１４１００００５１１．３")]
    [InlineData("201410000511。3")]
    [InlineData("201410000511")]
    public void TryParse_AnyFormOfOneNumber_ReturnsTheSameCanonical(string raw)
    {
        var n = ApplicationNumber.TryParse(raw, out var error);

        error.ShouldBeNull();
        n.ShouldNotBeNull();
        n.Canonical.ShouldBe("201410000511.3");
        n.WithPrefix.ShouldBe("CN201410000511.3");
        n.Year.ShouldBe(2014);
        n.TypeDigit.ShouldBe('1');
        n.RightType.ShouldBe(RightTypes.Invention);
        n.IsPct.ShouldBeFalse();
    }

    [Theory]   // rows of the 2017 file
    [InlineData("CN201510091666.7", "201510091666.7")]
    [InlineData("CN201510626037.X", "201510626037.X")]
    [InlineData("CN201480021818.X", "201480021818.X")]
    public void TryParse_StandardFormFromTheFile_VerifiesCheckDigit(string raw, string canonical)
    {
        var n = ApplicationNumber.TryParse(raw, out var error);

        error.ShouldBeNull();
        n!.Canonical.ShouldBe(canonical);
        n.CheckDigitGiven.ShouldBeTrue();
        n.Form.ShouldBe(ApplicationNumberForm.Standard);
    }

    [Theory]   // 17-character rows of the 2017 file; the check digit is computed
    [InlineData("CN102015000305529", "201510305529.9", '1', false)]
    [InlineData("CN102015000719597", "201510719597.X", '1', false)]
    [InlineData("CN112014000080747", "201480080747.0", '8', true)]
    [InlineData("CN112015000000922", "201580000922.5", '8', true)]
    public void TryParse_SeventeenCharacterForm_ConvertsToStandard(string raw, string canonical, char type, bool pct)
    {
        var n = ApplicationNumber.TryParse(raw, out var error);

        error.ShouldBeNull();
        n!.Canonical.ShouldBe(canonical);
        n.TypeDigit.ShouldBe(type);
        n.IsPct.ShouldBe(pct);
        n.RightType.ShouldBe(RightTypes.Invention);
        n.CheckDigitGiven.ShouldBeFalse();
        n.Form.ShouldBe(ApplicationNumberForm.Long);
    }

    [Fact]
    public void TryParse_CnipaXmlPairOfOneDocument_GivesOneCanonical()
    {
        // xml/cnipa-new/cn_new1.xml holds both 102021000991218 and 202110991218.8 for one application.
        ApplicationNumber.TryParse("102021000991218", out _)!.Canonical
            .ShouldBe(ApplicationNumber.TryParse("202110991218.8", out _)!.Canonical);
    }

    [Fact]
    public void TryParse_SeventeenCharacterFormOfTheOldEra_GivesOldCanonical()
    {
        // CN1238422C9 in the 2017 file: filed 2003-08-01, before the 12-digit numbers started in October 2003.
        var n = ApplicationNumber.TryParse("CN102003000040024", out var error);

        error.ShouldBeNull();
        n!.Canonical.ShouldBe("03140024.8");
        n.Year.ShouldBe(2003);
    }

    [Theory]
    [InlineData("98123456.9", "98123456.9", 1998)]
    [InlineData("CN98123456.9", "98123456.9", 1998)]
    [InlineData("981234569", "98123456.9", 1998)]
    [InlineData("ZL 02 1 23456.6", "02123456.6", 2002)]
    public void TryParse_OldEightDigitForm_KeepsOldCanonical(string raw, string canonical, int year)
    {
        var n = ApplicationNumber.TryParse(raw, out var error);

        error.ShouldBeNull();
        n!.Canonical.ShouldBe(canonical);
        n.Year.ShouldBe(year);
        n.Form.ShouldBe(ApplicationNumberForm.Old);
    }

    [Theory]
    [InlineData("201410000511.5", "申请号校验位不符：应为 3，实为 5")]
    [InlineData("98123456.1", "申请号校验位不符：应为 9，实为 1")]
    [InlineData("201470000511.3", "申请号类型位无效：7（应为 1、2、3、8 或 9）")]
    public void TryParse_WrongCheckOrTypeDigit_ReturnsChineseError(string raw, string expected)
    {
        ApplicationNumber.TryParse(raw, out var error).ShouldBeNull();

        error.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("CN2014100005")]
    [InlineData("ABC")]
    [InlineData("201410000511.33")]
    [InlineData("CN132015000305529")]
    [InlineData("CN102015010305529")]
    [InlineData("75123456.1")]
    public void TryParse_Garbage_ReturnsNullWithError(string? raw)
    {
        ApplicationNumber.TryParse(raw, out var error).ShouldBeNull();

        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("201420000001", '1', RightTypes.UtilityModel)]
    [InlineData("201430000001", '7', RightTypes.Design)]
    [InlineData("201590000001", '4', RightTypes.UtilityModel)]
    public void TryParse_UtilityAndDesignNumbers_GiveTheirRightType(string digits, char check, string rightType)
    {
        var n = ApplicationNumber.TryParse($"{digits}.{check}", out var error);

        error.ShouldBeNull();
        n!.RightType.ShouldBe(rightType);
    }

    [Fact]
    public void TryParse_EveryStandardFormNumberOfThe2017File_AtLeast999PerMilleVerify()
    {
        // Measured: 76,770 of 76,770 standard-form numbers verify (100 %); all 139,002 17-character numbers convert.
        var standard = 0;
        var verified = 0;
        var longForm = 0;
        var converted = 0;
        foreach (var row in Patents2017.Rows)
        {
            var ok = ApplicationNumber.TryParse(row.ApplicationNo, out _) is not null;
            if (row.ApplicationNo.Contains('.'))
            {
                standard++;
                if (ok) verified++;
            }
            else
            {
                longForm++;
                if (ok) converted++;
            }
        }
        output.WriteLine($"standard form: {verified:N0} / {standard:N0} verify ({100.0 * verified / standard:F3} %); 17-character: {converted:N0} / {longForm:N0} convert");

        standard.ShouldBeGreaterThan(70_000);
        ((double)verified / standard).ShouldBeGreaterThanOrEqualTo(0.999);
        converted.ShouldBe(longForm);
    }

    [Fact]
    public void ComputeCheckDigit_RemainderTen_IsX()
    {
        ApplicationNumber.ComputeCheckDigit("201510626037").ShouldBe('X');
    }

    /// <summary>Cells of the CNIPA legal-status file, which went through a spreadsheet (its README).</summary>
    [Theory]
    [InlineData("201410158948.X", "201410158948.X", false)]
    [InlineData("00120050.X", "00120050.X", false)]
    [InlineData("106482.7", "00106482.7", true)]       // leading zeros dropped; the check digit proves 00106482
    [InlineData("1108048.5", "01108048.5", true)]
    [InlineData("96116078", "96116078.0", false)]      // the check digit 0 dropped with its dot: the number needs no padding
    public void TryParseSpreadsheetCell_IntactOrProvablyRestored_IsAccepted(string raw, string canonical, bool restored)
    {
        var n = ApplicationNumber.TryParseSpreadsheetCell(raw, out var wasRestored, out var error);
        error.ShouldBeNull();
        n!.Canonical.ShouldBe(canonical);
        wasRestored.ShouldBe(restored);
    }

    [Theory]
    [InlineData("2.0041E+11", "科学计数法")]
    [InlineData("2126894", "校验位")]                     // zeros and check digit lost: nothing proves the padding
    [InlineData("106482.3", "校验位不符")]                 // padded, the check digit disagrees: not restored
    [InlineData("", "为空")]
    public void TryParseSpreadsheetCell_DestroyedOrUnprovable_IsRefusedWithTheReason(string raw, string reason)
    {
        ApplicationNumber.TryParseSpreadsheetCell(raw, out var restored, out var error).ShouldBeNull();
        restored.ShouldBeFalse();
        error!.ShouldContain(reason);
    }
}
