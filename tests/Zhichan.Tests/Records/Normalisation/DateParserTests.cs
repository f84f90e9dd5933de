using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Tests.Records.Normalisation;

public class DateParserTests
{
    [Theory]
    [InlineData("20150922")]
    [InlineData("2015-09-22")]
    [InlineData("2015.09.22")]
    [InlineData("2015/9/22")]
    [InlineData("2015年9月22日")]
    [InlineData("2015年09月22日")]
    [InlineData("2015 年 9 月 22 日")]
    [InlineData("2015-09-22T00:00:00")]
    [InlineData("2015-09-22T00:00:00Z")]
    [InlineData("2015/9/22 0:00:00")]
    [InlineData("２０１５０９２２")]
    [InlineData("２０１５－０９－２２")]
    [InlineData(" 20150922 ")]
    public void TryParse_SourceForms_GiveTheDate(string raw)
    {
        DateParser.TryParse(raw, out var date, out var error).ShouldBeTrue();

        error.ShouldBeNull();
        date.ShouldBe(new DateOnly(2015, 9, 22));
    }

    [Theory]
    [InlineData("42269", 2015, 9, 22)]
    [InlineData("42269.0", 2015, 9, 22)]
    [InlineData("1", 1900, 1, 1)]
    [InlineData("59", 1900, 2, 28)]
    [InlineData("61", 1900, 3, 1)]
    public void TryParse_ExcelSerialWhenFlagged_GivesTheDate(string raw, int y, int m, int d)
    {
        DateParser.TryParse(raw, out var date, out var error, excelSerial: true).ShouldBeTrue();

        error.ShouldBeNull();
        date.ShouldBe(new DateOnly(y, m, d));
    }

    [Fact]
    public void TryParse_ExcelSerialNotFlagged_IsAnError()
    {
        DateParser.TryParse("42269", out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNull();
        error.ShouldStartWith("日期格式无法识别");
    }

    [Fact]
    public void TryParse_ExcelSerial60_IsTheLotusLeapDayError()
    {
        DateParser.TryParse("60", out _, out var error, excelSerial: true).ShouldBeFalse();

        error.ShouldNotBeNull();
        error.ShouldContain("1900年2月29日");
    }

    [Theory]
    [InlineData("20150231", "日期无效：2015年2月没有31日（20150231）")]
    [InlineData("2015-02-29", "日期无效：2015年2月没有29日（2015-02-29）")]
    [InlineData("20151322", "日期无效：月份 13 不存在（20151322）")]
    [InlineData("18000101", "日期年份超出范围（1900–2100）：18000101")]
    public void TryParse_InvalidCalendarDate_ReturnsChineseError(string raw, string expected)
    {
        DateParser.TryParse(raw, out _, out var error).ShouldBeFalse();

        error.ShouldBe(expected);
    }

    [Theory]
    [InlineData("2015-09/22")]
    [InlineData("2015922")]
    [InlineData("22.09.2015")]
    [InlineData("2015年9月")]
    [InlineData("next tuesday")]
    [InlineData("2015-09-22 garbage:")]
    public void TryParse_UnknownForm_ReturnsFormatError(string raw)
    {
        DateParser.TryParse(raw, out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNull();
        error.ShouldStartWith("日期格式无法识别");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("0")]          // 授权公告日 of not-yet-granted rows of the database export
    [InlineData("00000000")]   // <base:Date> in xml/cnipa-new
    public void TryParse_Blank_ReturnsFalseWithoutError(string? raw)
    {
        DateParser.TryParse(raw, out _, out var error).ShouldBeFalse();

        error.ShouldBeNull();
    }

    [Fact]
    public void TryParse_EveryDateOfThe2017File_Parses()
    {
        var bad = Patents2017.Rows.SelectMany(r => new[] { r.ApplicationDate, r.PublicationDate })
            .Where(d => !DateParser.TryParse(d, out _, out _)).Take(5).ToList();

        bad.ShouldBeEmpty();
    }

    [Fact]
    public void ParseOrNull_Invalid_ReturnsNull()
    {
        DateParser.ParseOrNull("20150231").ShouldBeNull();
        DateParser.ParseOrNull("20170329").ShouldBe(new DateOnly(2017, 3, 29));
    }
}
