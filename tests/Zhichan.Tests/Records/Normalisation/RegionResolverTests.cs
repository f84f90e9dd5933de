using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Tests.Records.Normalisation;

public class RegionResolverTests
{
    private static readonly RegionResolver Resolver = new(Patents2017.Gazetteer);

    /// <summary>
    /// Real addresses of the 2017 file (one of the database export), each checked by hand against areas.csv / cities.csv;
    /// the comment says what the row exercises.
    /// </summary>
    [Theory]
    [InlineData("江苏省徐州市泉山区软件园路6号徐州软件园11号楼1001室", "221008", "320000", "320300", "320311")]
    [InlineData("北京市海淀区中关村南大街34号中关村科技发展大厦C座1602", "100081", "110000", "110100", "110108")]   // municipality
    [InlineData("北京市朝阳区朝阳门北大街22号", "100728", "110000", "110100", "110105")]
    [InlineData("吉林省长春市朝阳区卫星路7089号", "130022", "220000", "220100", "220104")]                        // the other 朝阳区
    [InlineData("辽宁省朝阳市凌源市滨河园小区1单元601室", "122500", "210000", "211300", "211382")]               // 朝阳市 ≠ 朝阳区
    [InlineData("北京市经济技术开发区科创六街88号A3-501", "101111", "110000", "110100", "110115")]               // curated: BDA in 大兴区
    [InlineData("北京市北京经济技术开发区文昌大道8号", "100176", "110000", "110100", "110115")]
    [InlineData("上海市浦东新区创新西路300弄18号703室", "201210", "310000", "310100", "310115")]
    [InlineData("上海市闸北区柳营路319弄32号205室", "200072", "310000", "310100", "310106")]                     // 闸北 → 静安 (2015)
    [InlineData("天津市滨海新区经济技术开发区第五大街泰华路12号泰达中小企业发展中心3514房间", "300457", "120000", "120100", "120116")]
    [InlineData("天津市蓟县盘谷艺城（东区）1号101", "301910", "120000", "120100", "120119")]                    // 蓟县 → 蓟州区
    [InlineData("重庆市渝北区勤业路9号", "400042", "500000", "500100", "500112")]
    [InlineData("重庆市开县赵家街道柳池村2组58号", "405400", "500000", "500100", "500154")]                    // 开县 → 开州区
    [InlineData("重庆市綦江区(原万盛区)关坝镇兴隆街198号420室", "400805", "500000", "500100", "500110")]
    [InlineData("江苏省苏州工业园区星湖街218号生物纳米园A7楼203室", "215000", "320000", "320500", "320576")]       // zone right after the province
    [InlineData("江苏省苏州市高新区支英街36号", "215129", "320000", "320500", "320505")]                         // 苏州高新区 = 虎丘区
    [InlineData("江苏省如皋市城南街道解放路3号（晟峰软件大楼内）", "226500", "320000", "320600", "320682")]       // county-level city, no city named
    [InlineData("江苏省南通市如皋市吴窑镇沈甸村1组", "226500", "320000", "320600", "320682")]
    [InlineData("江苏省南通经济技术开发区振兴路19号", "226000", "320000", "320600", "320671")]
    [InlineData("江苏省南通市经济技术开发区东方大道499号", "226015", "320000", "320600", "320671")]                // zone without the city in front
    [InlineData("江苏省连云港市经济技术开发区泰山路16号", "222047", "320000", "320700", "320771")]
    [InlineData("江苏省连云港市连云港经济技术开发区宋跳高新区振华路15号孵化器大楼三楼", "222000", "320000", "320700", "320771")]
    [InlineData("江苏省南京市鼓楼区山西路67号世贸中心大厦A座1801室", "210009", "320000", "320100", "320106")]     // 鼓楼区 with its city
    [InlineData("江苏省徐州市鼓楼区西阁街85号", "221000", "320000", "320300", "320302")]
    [InlineData("福建省福州市鼓楼区软件大道89号18号楼", "350003", "350000", "350100", "350102")]
    [InlineData("江苏省昆山市里厍新村46-506室", "215300", "320000", "320500", "320583")]
    [InlineData("江苏省江阴市东盛西路6号A7楼1单元(扬子江生物医药加速器)", "214400", "320000", "320200", "320281")]
    [InlineData("江苏省无锡市新区长江南路2号-1", "214028", "320000", "320200", "320214")]                          // 无锡新区 → 新吴区
    [InlineData("浙江省义乌市佛堂镇义乌市高效农业示范园区", "322000", "330000", "330700", "330782")]
    [InlineData("浙江杭州市华星路99号（杭州东软创业大厦）", "310012", "330000", "330100", null)]                  // province short form
    [InlineData("安徽省巢湖市巢湖经济开发区紫薇路1号", "230000", "340000", "340100", "340181")]                  // former prefecture
    [InlineData("内蒙古自治区呼和浩特市和林格尔盛乐经济园区内", "011517", "150000", "150100", "150123")]          // county short form
    [InlineData("内蒙古自治区包头市昆区河西工业区", "014000", "150000", "150200", "150203")]                      // 昆区 = 昆都仑区
    [InlineData("内蒙古自治区锡林郭勒盟锡林浩特市希日塔拉嘎查", "026099", "150000", "152500", "152502")]
    [InlineData("广西壮族自治区南宁市兴宁区望州南路132号武警综合楼3楼", "530001", "450000", "450100", "450102")]
    [InlineData("广西南宁山水美地3组团-14A-502", "530022", "450000", "450100", null)]
    [InlineData("广西壮族自治区柳州市忻城县城关镇芝州一路16号", "546200", "450000", "451300", "451321")]          // 忻城县 under 来宾市 since 2002
    [InlineData("宁夏回族自治区中卫市沙坡头区火车站西侧鸣翠园小区3-2-601", "755000", "640000", "640500", "640502")]
    [InlineData("新疆维吾尔自治区伊犁哈萨克自治州奎屯市奎独工业园承启路以北纵一路以西", "833200", "650000", "654000", "654003")]
    [InlineData("新疆维吾尔自治区石河子市北四路221号", "832000", "650000", "659000", "659001")]                    // 自治区直辖县级市
    [InlineData("湖北省仙桃市彭场镇仙彭公路西侧1号厂房幢", "433000", "420000", "429000", "429004")]
    [InlineData("湖北省潜江市周矶管理区健康路", "433121", "420000", "429000", "429005")]
    [InlineData("河南省济源市学苑路2号", "454650", "410000", "419000", "419001")]
    [InlineData("湖北省襄樊市襄城区檀溪路老龙堤巷56号", "441021", "420000", "420600", "420602")]                 // 襄樊 → 襄阳 (2010)
    [InlineData("广东省广州市萝岗区科丰路33号", "510000", "440000", "440100", "440112")]                          // 萝岗 → 黄埔 (2014)
    [InlineData("广东省东莞市松山湖科技产业园区生产力大厦404-409室", "523808", "440000", "441900", null)]          // city without counties
    [InlineData("广东省中山市东凤镇南安路11号3楼", "528400", "440000", "442000", null)]
    [InlineData("吉林省延边朝鲜族自治州延吉市鸿运街876号新兴工业集中区", "133000", "220000", "222400", "222401")]
    [InlineData("云南省大理白族自治州永平县北斗乡梅花村兆安地村民小组", "672601", "530000", "532900", "532928")]
    [InlineData("湖南省湘西土家族苗族自治州吉首市人民南路120号", "416000", "430000", "433100", "433101")]
    [InlineData("贵州省黔南布依族苗族自治州龙里县谷脚镇医药工业园区", "551206", "520000", "522700", "522730")]
    [InlineData("甘肃省临夏回族自治州临夏市临夏洲人民医院麻醉科", "731100", "620000", "622900", "622901")]
    [InlineData("甘肃省嘉峪关市甘肃钢铁职业技术学院社科系数理组", "735100", "620000", "620200", "620201")]       // a city with one county
    [InlineData("西藏自治区林芝地区巴宜区育才西路1号西藏农牧学院食品科学学院", "0", "540000", "540400", "540402")]  // 林芝地区 → 林芝市
    [InlineData("青海省西宁市城北区小桥大街61号2栋111室", "810003", "630000", "630100", "630105")]
    [InlineData("海南省海口市秀英区白水塘扶贫开发区富康路19号", "570311", "460000", "460100", "460105")]
    [InlineData("四川省成都市郫县中国川菜产业化园区永安路", "611700", "510000", "510100", "510117")]              // 郫县 → 郫都区
    [InlineData("四川省成都市高新区天华二路219号天府软件园C区3栋3-5层", "610041", "510000", "510100", null)]      // 高新区 is not a county
    [InlineData("陕西省杨凌示范区西农路22号", "712100", "610000", "610400", "610403")]
    [InlineData("辽宁省大连市中山路457号", "116023", "210000", "210200", null)]                                 // a street, not 中山区
    [InlineData("山西省太原市迎泽西大街79号", "030024", "140000", "140100", null)]                             // a street, not 迎泽区
    [InlineData("河北省石家庄市桥东区东风街道剧场南巷2号2-2-401", "050000", "130000", "130100", null)]             // 桥东区 abolished 2014
    [InlineData("450000河南省郑州市郑东新区中道东路6号创意岛大厦8层", null, "410000", "410100", null)]          // database export: postcode in front
    [InlineData("中国香港新界葵涌梨木道32-5号金运工业大厦第二期12楼L室", "0", "810000", null, null)]
    [InlineData("中国澳门东北大马路363号金海山花园第4座9H", "0", "820000", null, null)]
    [InlineData("中国台湾新竹县竹北市台元街26号4楼之1", "0", "710000", null, null)]
    public void Resolve_HandCheckedRealAddress_GivesItsCodes(string address, string? postcode, string province, string? city, string? county)
    {
        var m = Resolver.Resolve(address, postcode);

        (m.ProvinceCode, m.CityCode, m.CountyCode).ShouldBe((province, city, county), Resolver.Explain(m));
        m.Confidence.ShouldBeGreaterThan(0.5);
    }

    [Theory]
    [InlineData("美国马萨诸塞州")]
    [InlineData("英属开曼群岛大开曼资本大厦一座四层847号邮箱")]
    [InlineData("韩国大邱广域市北区大学路8庆北大学校")]
    [InlineData("日本国石川县河北郡")]
    [InlineData("开曼群岛大开曼岛")]
    [InlineData("1-2-3 Marunouchi, Chiyoda-ku, Tokyo")]
    public void Resolve_ForeignAddress_HasNoRegion(string address)
    {
        var m = Resolver.Resolve(address, "0");

        m.Rule.ShouldBe(RegionRules.Foreign);
        m.IsForeign.ShouldBeTrue();
        m.Code.ShouldBeNull();
        Resolver.Explain(m).ShouldBe("国外地址：不计入国内地区");
    }

    [Fact]
    public void Resolve_AddressStartingWithCity_TakesTheCitysProvince()
    {
        var m = Resolver.Resolve("深圳市宝安区松岗街道燕川燕罗路臻鼎科技园厂房A1栋至A3栋", "0");

        m.ShouldBe(new RegionMatch("440000", "440300", "440306", RegionRules.CityFirst, 0.95));
        Resolver.Explain(m).ShouldBe("地址以地级市开头，省份由市推出：广东省→深圳市→宝安区");
    }

    [Fact]
    public void Resolve_AddressStartingWithUniqueCounty_TakesItsCityAndProvince()
    {
        var m = Resolver.Resolve("苏州工业园区星湖街218号生物纳米园A7楼203室", null);

        (m.ProvinceCode, m.CityCode, m.CountyCode, m.Rule).ShouldBe(("320000", "320500", "320576", RegionRules.CountyFirst));
    }

    [Fact]
    public void Resolve_AmbiguousCountyAtStart_IsNotTaken()
    {
        var m = Resolver.Resolve("鼓楼区西阁街85号", null);

        m.Rule.ShouldBe(RegionRules.None);
        m.Code.ShouldBeNull();
    }

    [Fact]
    public void Resolve_AmbiguousCountyInProvince_PostcodeDecides()
    {
        var withPostcodes = Resolver.WithPostcodes(PostcodeIndex.FromTable([new("221000", "320300"), new("210009", "320100")]));

        Resolver.Resolve("江苏省鼓楼区西阁街85号", "221000").ShouldBe(new RegionMatch("320000", null, null, RegionRules.Prefix, 0.6));
        withPostcodes.Resolve("江苏省鼓楼区西阁街85号", "221000").ShouldBe(new RegionMatch("320000", "320300", "320302", "prefix+postcode", 0.9));
        withPostcodes.Resolve("江苏省鼓楼区山西路67号", "210009").CountyCode.ShouldBe("320106");
    }

    [Fact]
    public void Resolve_NoRegionInAddress_PostcodeGivesTheCity()
    {
        var withPostcodes = Resolver.WithPostcodes(PostcodeIndex.FromTable([new("221008", "320300")]));

        var m = withPostcodes.Resolve("软件园路6号徐州软件园11号楼1001室", "221008");

        m.ShouldBe(new RegionMatch("320000", "320300", null, RegionRules.Postcode, 0.75));
        withPostcodes.Explain(m).ShouldBe("地址未能识别，按邮编推定：江苏省→徐州市；县区未识别");
    }

    [Fact]
    public void Resolve_PostcodeOfAnotherProvince_IsIgnored()
    {
        var withPostcodes = Resolver.WithPostcodes(PostcodeIndex.FromTable([new("518000", "440300")]));

        withPostcodes.Resolve("江苏省高新区某路1号", "518000").ShouldBe(new RegionMatch("320000", null, null, RegionRules.Prefix, 0.6));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Resolve_EmptyAddress_IsRuleEmpty(string? address)
    {
        var m = Resolver.Resolve(address, null);

        m.Rule.ShouldBe(RegionRules.Empty);
        m.Confidence.ShouldBe(0);
    }

    [Theory]
    [InlineData("江苏省徐州市泉山区软件园路6号", "地址前缀匹配：江苏省→徐州市→泉山区")]
    [InlineData("北京市海淀区中关村南大街34号", "地址前缀匹配：北京市→海淀区")]
    [InlineData("江苏省徐州市大学路1号中国矿业大学南湖校区", "地址前缀匹配：江苏省→徐州市；县区未识别")]
    [InlineData("中国台湾新竹市新竹科学工业园区", "地址前缀匹配：台湾省")]
    [InlineData("火星基地", "无法从地址和邮编识别地区")]
    public void Explain_Match_GivesChineseExplanation(string address, string expected)
    {
        Resolver.Explain(Resolver.Resolve(address, null)).ShouldBe(expected);
    }

    [Fact]
    public void Resolve_Confidence_FallsWithPrecision()
    {
        var county = Resolver.Resolve("江苏省徐州市泉山区软件园路6号", null).Confidence;
        var city = Resolver.Resolve("江苏省徐州市大学路1号", null).Confidence;
        var province = Resolver.Resolve("江苏省高新区某路1号", null).Confidence;

        county.ShouldBeGreaterThan(city);
        city.ShouldBeGreaterThan(province);
    }

    [Fact]
    public void Resolve_FullWidthAndSpaces_AreIgnored()
    {
        Resolver.Resolve(" 江苏省 徐州市　泉山区软件园路６号", "２２１００８").CountyCode.ShouldBe("320311");
    }
}
