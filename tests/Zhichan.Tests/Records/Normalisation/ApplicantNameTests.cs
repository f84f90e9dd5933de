using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Tests.Records.Normalisation;

public class ApplicantNameTests
{
    [Theory]   // pairs written both ways in the 2017 file
    [InlineData("腾讯科技（深圳）有限公司", "腾讯科技(深圳)有限公司")]
    [InlineData("中国石油大学(北京)", "中国石油大学（北京）")]
    [InlineData("LG电子株式会社", "LG 电子株式会社")]
    [InlineData("美国iRobot公司", "美国iRobot 公司")]
    [InlineData("通用电气照明解决方案有限公司", "通用电气照明解决方案有限责任公司")]
    [InlineData("惠而浦股份有限公司", "惠而浦股份公司")]
    [InlineData("江苏省海洋资源开发研究院(连云港）", "江苏省海洋资源开发研究院【连云港】")]
    [InlineData("腾讯科技（深圳）有限公司。", "腾讯科技(深圳)有限公司")]
    [InlineData("ＡＢＢ技术有限公司", "ABB技术有限公司")]
    [InlineData("Sony Co., Ltd.", "SONY CO.,LTD")]
    [InlineData("Sony Company Limited", "sony co ltd")]
    [InlineData("Koninklijke Philips N.V.", "KONINKLIJKE PHILIPS N.V")]
    [InlineData("兰达尔.阿里", "兰达尔·阿里")]
    public void NormaliseForMatching_VariantsOfOneName_GiveOneKey(string a, string b)
    {
        ApplicantName.NormaliseForMatching(a).ShouldBe(ApplicantName.NormaliseForMatching(b));
    }

    [Theory]
    [InlineData("金发科技股份有限公司", "金发科技有限公司")]   // 股份有限公司 and 有限公司 are different legal forms
    [InlineData("中国石油大学(北京)", "中国石油大学(华东)")]
    [InlineData("华为技术有限公司", "华为终端有限公司")]
    public void NormaliseForMatching_DifferentParties_GiveDifferentKeys(string a, string b)
    {
        ApplicantName.NormaliseForMatching(a).ShouldNotBe(ApplicantName.NormaliseForMatching(b));
    }

    [Fact]
    public void NormaliseForMatching_CompanyForms_AreUnifiedAsTheCompanyLawAllows()
    {
        ApplicantName.NormaliseForMatching("攀钢冶金材料有限责任公司").ShouldBe("攀钢冶金材料有限公司");
        ApplicantName.NormaliseForMatching("中国石油化工股份有限公司").ShouldBe("中国石油化工股份公司");
        ApplicantName.NormaliseForMatching("Hewlett-Packard Development Company, L.P.").ShouldBe("hewlettpackarddevelopmentcolp");
    }

    [Theory]
    [InlineData("  博西华电器(江苏)有限公司 ", "博西华电器（江苏）有限公司")]
    [InlineData("深圳市 腾讯计算机系统有限公司", "深圳市腾讯计算机系统有限公司")]
    [InlineData("LG 电子株式会社", "LG电子株式会社")]
    [InlineData("ＡＢＢ技术有限公司；", "ABB技术有限公司")]
    [InlineData("Koninklijke   Philips  N.V.", "Koninklijke Philips N.V.")]
    [InlineData("Sony Corporation ( Japan )", "Sony Corporation (Japan)")]
    [InlineData("凯伦·玛丽·莫瑞斯", "凯伦·玛丽·莫瑞斯")]
    [InlineData("LG (中国) 研发中心", "LG（中国）研发中心")]
    [InlineData("", "")]
    public void Clean_RawName_GivesDisplayForm(string raw, string expected)
    {
        ApplicantName.Clean(raw).ShouldBe(expected);
    }

    [Theory]   // applicants of the 2017 file
    [InlineData("徐州绿之源环境科技有限公司", PartyKinds.Enterprise)]
    [InlineData("江安县江安镇红岩村林下养殖专业合作社", PartyKinds.Enterprise)]
    [InlineData("柳州市柳南区钓乐园渔具店", PartyKinds.Enterprise)]
    [InlineData("界首市兴邦家庭农场", PartyKinds.Enterprise)]
    [InlineData("中国石油化工股份有限公司北京化工研究院", PartyKinds.Enterprise)]
    [InlineData("湖州市善琏心远笔斋（普通合伙）", PartyKinds.Enterprise)]
    [InlineData("长春理工大学", PartyKinds.University)]
    [InlineData("中国石油大学(北京)", PartyKinds.University)]
    [InlineData("郑州航空工业管理学院", PartyKinds.University)]
    [InlineData("河南机电高等专科学校", PartyKinds.University)]
    [InlineData("中国人民解放军装甲兵工程学院", PartyKinds.University)]
    [InlineData("中国科学院天津工业生物技术研究所", PartyKinds.Institute)]
    [InlineData("中国农业科学院果树研究所", PartyKinds.Institute)]
    [InlineData("山东省计算中心（国家超级计算济南中心）", PartyKinds.Institute)]
    [InlineData("南京市产品质量监督检验院", PartyKinds.Institute)]
    [InlineData("沧州市计量测试所", PartyKinds.Institute)]
    [InlineData("上海辰山植物园", PartyKinds.Institute)]
    [InlineData("中国人民解放军63867部队", PartyKinds.Government)]
    [InlineData("余姚市人民政府凤山街道办事处", PartyKinds.Government)]
    [InlineData("茂名市公安局", PartyKinds.Government)]
    [InlineData("长江水利委员会水文局", PartyKinds.Government)]
    [InlineData("于有贞", PartyKinds.Individual)]
    [InlineData("石磊", PartyKinds.Individual)]
    [InlineData("陈*洪", PartyKinds.Individual)]
    [InlineData("龚典局", PartyKinds.Individual)]
    [InlineData("王宝会", PartyKinds.Individual)]
    [InlineData("凯伦·玛丽·莫瑞斯", PartyKinds.Individual)]
    [InlineData("富士通株式会社", PartyKinds.Foreign)]
    [InlineData("(株)丰泉工程", PartyKinds.Foreign)]
    [InlineData("韩国电力公社", PartyKinds.Foreign)]
    [InlineData("Z124", PartyKinds.Foreign)]
    [InlineData("GN 瑞声达 A/S", PartyKinds.Foreign)]
    [InlineData("日本电产理德机器装置(浙江)有限公司", PartyKinds.Enterprise)]
    [InlineData("北京大学人民医院", PartyKinds.Other)]
    [InlineData("柳州市第五中学", PartyKinds.Other)]
    [InlineData("中国锅炉水处理协会", PartyKinds.Other)]
    public void Classify_RealApplicants_GiveTheirKind(string name, string kind)
    {
        ApplicantName.Classify(name).ShouldBe(kind);
    }

    [Fact]
    public void Classify_ForeignAddress_IsForeignWhateverTheName()
    {
        // 高通股份有限公司 reads like a Chinese company; its address (美国加利福尼亚州) says otherwise.
        ApplicantName.Classify("高通股份有限公司").ShouldBe(PartyKinds.Enterprise);
        ApplicantName.Classify("高通股份有限公司", foreignAddress: true).ShouldBe(PartyKinds.Foreign);
    }

    [Fact]
    public void Classify_EveryApplicantOfThe2017File_HasAKnownKind()
    {
        var kinds = Patents2017.Rows.Select(r => r.Applicant).Distinct().GroupBy(n => ApplicantName.Classify(n)).ToDictionary(g => g.Key, g => g.Count());

        kinds.Keys.ShouldAllBe(k => PartyKinds.Names.ContainsKey(k));
        kinds[PartyKinds.Enterprise].ShouldBeGreaterThan(kinds[PartyKinds.Individual]);
        kinds.GetValueOrDefault(PartyKinds.Other).ShouldBeLessThan(1000);   // measured 479 of 61,621 names (hospitals, schools, associations)
    }
}
