using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Tests.Records.Normalisation;

public class RegionGazetteerTests
{
    private static RegionGazetteer G => Patents2017.Gazetteer;

    [Fact]
    public void Load_DivisionFolder_HasEveryLevelPlusTaiwanHongKongMacao()
    {
        G.Regions.Count(r => r.Level == RegionLevel.Province).ShouldBe(31 + 3);
        G.Regions.Count(r => r.Level == RegionLevel.City).ShouldBe(342);
        // 2,978 rows of areas.csv less the three that are cities themselves (东莞 441900, 中山 442000, 儋州 460400).
        G.Regions.Count(r => r.Level == RegionLevel.County).ShouldBe(2_975);
        G.Regions.ShouldAllBe(r => r.Code.Length == 6);
    }

    [Theory]
    [InlineData("320000", "江苏省", RegionLevel.Province, null, null)]
    [InlineData("320700", "连云港市", RegionLevel.City, "320000", "320700")]
    [InlineData("320703", "连云区", RegionLevel.County, "320700", "320700")]
    [InlineData("320682", "如皋市", RegionLevel.County, "320600", "320600")]
    [InlineData("110100", "市辖区", RegionLevel.City, "110000", "110100")]
    [InlineData("110108", "海淀区", RegionLevel.County, "110100", "110100")]
    [InlineData("429004", "仙桃市", RegionLevel.County, "429000", "429000")]
    [InlineData("441900", "东莞市", RegionLevel.City, "440000", "441900")]
    [InlineData("710000", "台湾省", RegionLevel.Province, null, null)]
    [InlineData("810000", "香港特别行政区", RegionLevel.Province, null, null)]
    [InlineData("820000", "澳门特别行政区", RegionLevel.Province, null, null)]
    public void Find_Code_GivesNameLevelAndParent(string code, string name, RegionLevel level, string? parent, string? city)
    {
        var r = G.Find(code);

        r.ShouldNotBeNull();
        r.Name.ShouldBe(name);
        r.Level.ShouldBe(level);
        r.ParentCode.ShouldBe(parent);
        r.CityCode.ShouldBe(city);
    }

    [Theory]
    [InlineData("320671", true)]    // 南通经济技术开发区
    [InlineData("320771", true)]    // 连云港经济技术开发区
    [InlineData("320576", true)]    // 苏州工业园区
    [InlineData("310115", false)]   // 浦东新区 is a district
    [InlineData("120116", false)]   // 滨海新区 too
    [InlineData("320682", false)]
    public void Find_County_FlagsDevelopmentZonesBy7xCode(string code, bool zone)
    {
        G.Find(code)!.IsDevelopmentZone.ShouldBe(zone);
    }

    [Theory]
    [InlineData("32", "320000")]
    [InlineData("3207", "320700")]
    [InlineData("320703", "320703")]
    public void Find_ShortNbsCode_IsWidenedToSixDigits(string code, string expected)
    {
        G.Find(code)!.Code.ShouldBe(expected);
    }

    [Fact]
    public void ChildrenOf_City_GivesItsCounties()
    {
        G.ChildrenOf("320300").Select(r => r.Name).ShouldContain("泉山区");
        G.ChildrenOf("320300").ShouldAllBe(r => r.Level == RegionLevel.County);
    }

    [Theory]
    [InlineData("内蒙古自治区", RegionLevel.Province, "内蒙古")]
    [InlineData("广西壮族自治区", RegionLevel.Province, "广西")]
    [InlineData("黑龙江省", RegionLevel.Province, "黑龙江")]
    [InlineData("北京市", RegionLevel.Province, "北京")]
    [InlineData("延边朝鲜族自治州", RegionLevel.City, "延边")]
    [InlineData("巴音郭楞蒙古自治州", RegionLevel.City, "巴音郭楞")]
    [InlineData("黔西南布依族苗族自治州", RegionLevel.City, "黔西南")]
    [InlineData("大兴安岭地区", RegionLevel.City, "大兴安岭")]
    [InlineData("锡林郭勒盟", RegionLevel.City, "锡林郭勒")]
    [InlineData("积石山保安族东乡族撒拉族自治县", RegionLevel.County, "积石山")]
    [InlineData("白沙黎族自治县", RegionLevel.County, "白沙")]
    [InlineData("浦东新区", RegionLevel.County, "浦东")]
    [InlineData("泉山区", RegionLevel.County, "泉山")]
    [InlineData("如皋市", RegionLevel.County, "如皋")]
    [InlineData("城区", RegionLevel.County, null)]
    public void ShortName_OfficialName_DropsSuffixAndEthnicDesignation(string name, RegionLevel level, string? expected)
    {
        RegionGazetteer.ShortName(name, level).ShouldBe(expected);
    }

    [Fact]
    public void Load_MissingFolder_ThrowsWithTheFileName()
    {
        var e = Should.Throw<FileNotFoundException>(() => RegionGazetteer.Load("/nonexistent/admin-divisions"));

        e.Message.ShouldContain("provinces.csv");
    }
}
