using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Tests.Records.Normalisation;

public class ClassificationCodeTests
{
    [Theory]
    [InlineData("12-08", "12-08")]
    [InlineData("1208", "12-08")]
    [InlineData("12.08", "12-08")]
    [InlineData("12－08", "12-08")]
    [InlineData(" 12 - 08 ", "12-08")]
    [InlineData("06-01", "06-01")]   // xml/wipo-st96/DesignApplication_Example.xml
    [InlineData("6-1", "06-01")]
    [InlineData("LOC(11) Cl. 06-01", "06-01")]
    [InlineData("99-00", "99-00")]
    public void LocarnoTryNormalise_SourceForms_GiveClassDashSubclass(string raw, string expected)
    {
        LocarnoClass.TryNormalise(raw, out var error).ShouldBe(expected);
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData("33-01")]
    [InlineData("00-01")]
    [InlineData("120")]
    [InlineData("12-108")]
    [InlineData("ab-cd")]
    [InlineData("")]
    public void LocarnoTryNormalise_Invalid_ReturnsError(string raw)
    {
        LocarnoClass.TryNormalise(raw, out var error).ShouldBeNull();
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("第9类", 9)]
    [InlineData("第 09 类", 9)]
    [InlineData("09", 9)]
    [InlineData("9", 9)]
    [InlineData("9类", 9)]
    [InlineData("３５", 35)]
    [InlineData("Class 45", 45)]
    [InlineData("24", 24)]   // xml/wipo-st96/GIApplication_Example.xml
    public void NiceTryNormalise_SourceForms_GiveClassNumber(string raw, int expected)
    {
        NiceClass.TryNormalise(raw, out var error).ShouldBe(expected);
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData("0", "超出范围")]
    [InlineData("46", "超出范围")]
    [InlineData("第100类", "格式无效")]
    [InlineData("九", "格式无效")]
    [InlineData("", "为空")]
    public void NiceTryNormalise_OutsideOneTo45_ReturnsError(string raw, string expected)
    {
        NiceClass.TryNormalise(raw, out var error).ShouldBeNull();
        error.ShouldNotBeNull();
        error.ShouldContain(expected);
    }
}
