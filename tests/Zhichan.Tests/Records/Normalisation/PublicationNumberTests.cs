using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Tests.Records.Normalisation;

public class PublicationNumberTests
{
    [Theory]
    [InlineData("CN106540887A")]
    [InlineData("CN 106540887 A")]
    [InlineData("106540887A")]
    [InlineData("cn106540887a")]
    [InlineData("ＣＮ１０６５４０８８７Ａ")]
    public void TryParse_FormsOfOnePublication_GiveOneCanonical(string raw)
    {
        var p = PublicationNumber.TryParse(raw, out var error);

        error.ShouldBeNull();
        p!.Canonical.ShouldBe("CN106540887A");
        p.Number.ShouldBe("CN106540887");
        p.Kind.ShouldBe("A");
        p.KindName.ShouldBe("发明公布");
        p.RightType.ShouldBe(RightTypes.Invention);
        p.IsGrant.ShouldBeFalse();
    }

    [Theory]   // B, A9, B8 and C9 rows of the 2017 file; U / S numbers of the database export and the design series
    [InlineData("CN103702022B", "CN103702022", "B", "发明授权", RightTypes.Invention, true, false)]
    [InlineData("CN105292163A9", "CN105292163", "A9", "发明公布", RightTypes.Invention, false, true)]
    [InlineData("CN103081473B8", "CN103081473", "B8", "发明授权", RightTypes.Invention, true, true)]
    [InlineData("CN1238422C9", "CN1238422", "C9", "旧授权", RightTypes.Invention, true, true)]
    [InlineData("CN218751475U", "CN218751475", "U", "实用新型", RightTypes.UtilityModel, true, false)]
    [InlineData("CN303456789S", "CN303456789", "S", "外观设计", RightTypes.Design, true, false)]
    [InlineData("CN2345678Y", "CN2345678", "Y", "旧实用新型", RightTypes.UtilityModel, true, false)]
    [InlineData("CN3123456D", "CN3123456", "D", "旧外观", RightTypes.Design, true, false)]
    public void TryParse_KindCodes_GiveNumberKindAndMeaning(string raw, string number, string kind, string kindName, string rightType, bool grant, bool correction)
    {
        var p = PublicationNumber.TryParse(raw, out var error);

        error.ShouldBeNull();
        p!.Canonical.ShouldBe(raw);
        p.Number.ShouldBe(number);
        p.Kind.ShouldBe(kind);
        p.KindName.ShouldBe(kindName);
        p.RightType.ShouldBe(rightType);
        p.IsGrant.ShouldBe(grant);
        p.IsCorrection.ShouldBe(correction);
    }

    [Fact]
    public void TryParse_NoKind_KeepsNumberAndTypeFromFirstDigit()
    {
        var p = PublicationNumber.TryParse("CN216774847", out var error);

        error.ShouldBeNull();
        p!.Canonical.ShouldBe("CN216774847");
        p.Kind.ShouldBeNull();
        p.RightType.ShouldBe(RightTypes.UtilityModel);
    }

    [Theory]
    [InlineData("CN106540887U", "公布号与文献种类不符")]
    [InlineData("CN106540887Q", "文献种类代码无效")]
    [InlineData("CN106540887A7", "文献种类代码无效")]
    [InlineData("US9876543B2", "不是中国公布号")]
    [InlineData("CN12345A", "公布号格式无法识别")]
    [InlineData("CN506540887A", "公布号首位无效")]
    [InlineData("", "公布号为空")]
    public void TryParse_Invalid_ReturnsChineseError(string raw, string expected)
    {
        PublicationNumber.TryParse(raw, out var error).ShouldBeNull();

        error.ShouldNotBeNull();
        error.ShouldContain(expected);
    }

    [Fact]
    public void TryParse_EveryPublicationNumberOfThe2017File_Parses()
    {
        var failed = Patents2017.Rows.Where(r => PublicationNumber.TryParse(r.PublicationNo, out _) is null).Select(r => r.PublicationNo).Take(5).ToList();

        failed.ShouldBeEmpty();
    }
}
