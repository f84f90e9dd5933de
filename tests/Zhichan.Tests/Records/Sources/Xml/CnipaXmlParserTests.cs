using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Sources.Xml;
using static Zhichan.Tests.Records.Sources.Xml.XmlTestFiles;

namespace Zhichan.Tests.Records.Sources.Xml;

/// <summary>The CNIPA files (current format and 2006 format), values checked by eye against the XML.</summary>
public class CnipaXmlParserTests
{
    // ---------------- current format (business:PatentDocumentAndRelated) ----------------

    [Fact]
    public void Read_CnNew1_ExtractsBibliographicData()
    {
        var d = ReadSingle("xml/cnipa-new/cn_new1.xml");

        d.SourceRef.ShouldBe("cn_new1.xml#1");
        d.RightType.ShouldBe(RightTypes.Invention);
        d.Office.ShouldBe("CN");
        d.ApplicationNumber.ShouldBe("202111286633.X");
        d.ApplicationDate.ShouldBe("20170424");
        d.PublicationNumber.ShouldBe("113781974");
        d.PublicationKind.ShouldBe("A");
        d.PublicationDate.ShouldBe("20211210");
        d.GrantNumber.ShouldBeNull();
        d.GrantDate.ShouldBeNull();
        d.Title.ShouldBe("显示设备");
        d.Abstract.ShouldStartWith("公开了一种显示设备。显示设备包括排列成多行和多列的多个像素");
        d.Extra["application_number_standard"].ShouldBe("102021001286633");
        d.Extra["gazette_number"].ShouldBe("37-5002");
        d.Extra["application_type"].ShouldBe("10");
        d.Extra["parent_application"].ShouldBe("CN 201710269973.9 20170424");
        d.Priorities.ShouldBe(["KR 10-2016-0063019 20160523"]);
    }

    [Fact]
    public void Read_CnNew1_ExtractsIpcPartiesAndClaims()
    {
        var d = ReadSingle("xml/cnipa-new/cn_new1.xml");

        d.Ipc.ShouldBe(["G09G    3/36    (2006.01)", "G09G    3/3208  (2016.01)", "G09G    3/34    (2006.01)"]);
        var applicant = d.First(PartyRoles.Applicant);
        applicant.Name.ShouldBe("三星显示有限公司");
        applicant.Address.ShouldBe("韩国京畿道");
        applicant.Country.ShouldBe("KR");
        applicant.Postcode.ShouldBeNull(); // the file has "0"
        d.Names(PartyRoles.Inventor).ShouldBe(["金驲柱", "田武经", "李安洙"]);
        d.Names(PartyRoles.Agency).ShouldBe(["北京英赛嘉华知识产权代理有限责任公司"]);
        d.Extra["agency_code"].ShouldBe("11204");
        d.Names(PartyRoles.Agent).ShouldBe(["王达佐", "刘铮"]);

        d.Extra["claim_count"].ShouldBe("17");
        d.Extra["first_claim"].ShouldStartWith("1.显示设备，包括：\n显示面板，所述显示面板包括：\n多个像素");
        d.Extra["first_claim"].ShouldEndWith("Q个数据线排列在剩余第一区域中。");
        d.Extra["first_claim"].ShouldContain("其中，n>k，以及"); // &gt; decoded
        d.Claims.ShouldStartWith(d.Extra["first_claim"] + "\n2.如权利要求1所述的显示设备，其中，所述k个像素位于所述第m行中。");
        d.Claims!.Split('\n').Count(l => l.Length > 2 && char.IsDigit(l[0]) && l.Contains("如权利要求")).ShouldBe(16);

        d.Events.ShouldBe([new EventDraft(LegalEventCodes.Filed, "20170424"), new EventDraft(LegalEventCodes.Published, "20211210")]);
    }

    [Fact]
    public void Read_CnNew2_SplitsPostcodeAndKeepsStructuredAddress()
    {
        var d = ReadSingle("xml/cnipa-new/cn_new2.xml");

        d.ApplicationNumber.ShouldBe("202110991218.8");
        d.ApplicationDate.ShouldBe("20210826");
        d.PublicationNumber.ShouldBe("113783949");
        d.PublicationKind.ShouldBe("A");
        d.PublicationDate.ShouldBe("20211210");
        d.Title.ShouldBe("一种基于合约管理的跨链去中心化方法");
        d.RightType.ShouldBe(RightTypes.Invention);

        var applicant = d.First(PartyRoles.Applicant);
        applicant.Name.ShouldBe("浙商银行股份有限公司");
        applicant.Address.ShouldBe("浙江省杭州市萧山区鸿宁路1788号");
        applicant.Postcode.ShouldBe("311200");
        applicant.Country.ShouldBe("CN");
        d.Extra["applicant_province"].ShouldBe("浙江省");
        d.Extra["applicant_city"].ShouldBe("杭州市");
        d.Extra["applicant_county"].ShouldBe("萧山区");
        d.Extra.ShouldNotContainKey("applicant_organization_code"); // "0000000000" in the file

        d.Ipc.ShouldBe(["H04L   29/08    (2006.01)", "H04L   29/06    (2006.01)", "H04L    9/32    (2006.01)", "G06Q   40/04    (2012.01)", "G06F   16/27    (2019.01)"]);
        d.Names(PartyRoles.Inventor).ShouldBe(["陈嘉俊", "臧铖", "郭东升"]);
        d.Names(PartyRoles.Agency).ShouldBe(["杭州求是专利事务所有限公司"]);
        d.Extra["agency_code"].ShouldBe("33200");
        d.Names(PartyRoles.Agent).First().ShouldBe("刘静");
        d.Priorities.ShouldBeEmpty();
        d.Extra["claim_count"].ShouldBe("10");
        d.Extra["first_claim"].ShouldStartWith("1.一种基于合约管理的跨链去中心化方法，其特征在于，该方法包括：\n区块链跨链通信包括三个链路");
        d.Claims.ShouldEndWith("然后升级更新去中心化策略，并进行持久化存储。");
    }

    [Fact]
    public void Parse_CnNewDesignGrant_ReadsDesignBibliographicData()
    {
        const string xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <business:PatentDocumentAndRelated xmlns:base="http://www.sipo.gov.cn/XMLSchema/base" xmlns:business="http://www.sipo.gov.cn/XMLSchema/business" lang="zh" country="CN" docNumber="306000001" kind="S">
              <business:DesignBibliographicData>
                <business:PublicationReference dataFormat="original" sequence="1"><base:DocumentID><base:WIPOST3Code>CN</base:WIPOST3Code><base:DocNumber>306000001</base:DocNumber><base:Kind>S</base:Kind><base:Date>20200703</base:Date></base:DocumentID></business:PublicationReference>
                <business:ApplicationReference applType="30" dataFormat="original" sequence="1"><base:DocumentID><base:WIPOST3Code>CN</base:WIPOST3Code><base:DocNumber>202030012345.6</base:DocNumber><base:Date>20200110</base:Date></base:DocumentID></business:ApplicationReference>
                <business:ClassificationLocarno><base:EditionStatement>12</base:EditionStatement><business:MainClassification dataFormat="original">06-01</business:MainClassification></business:ClassificationLocarno>
                <business:DesignTitle lang="zh">椅子</business:DesignTitle>
                <business:ApplicantDetails><business:Applicant sequence="1" dataFormat="original"><base:AddressBook lang="zh"><base:Name>某某家具有限公司</base:Name><base:Address><base:PostCode>528000</base:PostCode><base:WIPOST3Code>CN</base:WIPOST3Code><base:Text>528000 广东省佛山市顺德区某路1号</base:Text></base:Address></base:AddressBook></business:Applicant></business:ApplicantDetails>
                <business:DesignerDetails><business:Designer sequence="1"><base:AddressBook lang="zh"><base:Name>张三</base:Name></base:AddressBook></business:Designer></business:DesignerDetails>
              </business:DesignBibliographicData>
              <business:DesignBriefExplanation><base:Paragraphs>1.本外观设计产品的名称：椅子。</base:Paragraphs><base:Paragraphs>2.本外观设计产品的用途：用于坐。</base:Paragraphs></business:DesignBriefExplanation>
            </business:PatentDocumentAndRelated>
            """;

        var d = new CnipaNewXmlParser().Parse(Utf8(xml), "design.xml").Single();

        d.RightType.ShouldBe(RightTypes.Design);
        d.PublicationKind.ShouldBe("S");
        d.GrantNumber.ShouldBe("306000001");
        d.GrantDate.ShouldBe("20200703");
        d.Title.ShouldBe("椅子");
        d.Locarno.ShouldBe(["06-01"]);
        d.Extra["locarno_edition"].ShouldBe("12");
        d.First(PartyRoles.Applicant).ShouldBe(new PartyDraft(PartyRoles.Applicant, "某某家具有限公司", "广东省佛山市顺德区某路1号", "CN", "528000"));
        d.Names(PartyRoles.Inventor).ShouldBe(["张三"]);
        d.Abstract.ShouldBe("1.本外观设计产品的名称：椅子。\n2.本外观设计产品的用途：用于坐。");
        d.Events.ShouldBe([new EventDraft(LegalEventCodes.Filed, "20200110"), new EventDraft(LegalEventCodes.Granted, "20200703")]);
    }

    // ---------------- 2006 format (cn-patent-document) ----------------

    [Fact]
    public void Read_CnOld1_ExtractsBibliographicDataAndBioDeposit()
    {
        var d = ReadSingle("xml/cnipa-old/cn_old1.xml");

        d.SourceRef.ShouldBe("cn_old1.xml#1");
        d.RightType.ShouldBe(RightTypes.Invention);
        d.Office.ShouldBe("CN");
        d.ApplicationNumber.ShouldBe("201410408762.5");
        d.ApplicationDate.ShouldBe("20140819");
        d.PublicationNumber.ShouldBe("104223352");
        d.PublicationKind.ShouldBe("A");
        d.PublicationDate.ShouldBe("20141224");
        d.Title.ShouldBe("一种甘草发酵所得烟用香料及其应用");
        d.Abstract.ShouldStartWith("本发明公开了一种甘草发酵所得烟用香料及其应用。");
        d.Abstract.ShouldEndWith("具有良好的应用前景。");
        d.Extra["application_type"].ShouldBe("发明专利");
        d.Extra["gazette_number"].ShouldBe("30-52");
        d.Extra["bio_deposit"].ShouldBe("CGMCC No.6645 2012.10.08");

        d.Ipc.ShouldBe(["A24B   15/18    (2006.01)", "C11B    9/00    (2006.01)", "C12P    1/02    (2006.01)", "C12R    1/645   (2006.01)"]);
        var applicant = d.First(PartyRoles.Applicant);
        applicant.Name.ShouldBe("云南中烟工业有限责任公司");
        applicant.Address.ShouldBe("云南省昆明市五华区红锦路367号云烟科技园C区");
        applicant.Postcode.ShouldBe("650231");
        d.Names(PartyRoles.Inventor).Length.ShouldBe(8);
        d.Names(PartyRoles.Inventor)[0].ShouldBe("段焰青");
        d.Names(PartyRoles.Inventor)[7].ShouldBe("王文元");
        d.Names(PartyRoles.Agency).ShouldBe(["昆明协立知识产权代理事务所(普通合伙)"]);
        d.Extra["agency_code"].ShouldBe("53108");
        d.Names(PartyRoles.Agent).ShouldBe(["谢嘉", "旃习涵"]);
        d.Events.ShouldBe([new EventDraft(LegalEventCodes.Filed, "20140819"), new EventDraft(LegalEventCodes.Published, "20141224")]);
    }

    [Fact]
    public void Read_CnOld1_JoinsHardWrappedClaimLines()
    {
        var d = ReadSingle("xml/cnipa-old/cn_old1.xml");

        d.Extra["claim_count"].ShouldBe("3");
        d.Extra["first_claim"].ShouldBe("1.一种甘草发酵所得烟用香料，其特征在于：将甘草片或甘草粉与水按1:5～1:50的质量比配制成发酵培养基，高压灭菌后按1％的质量比接种长孢洛德酵母CGMCC6645，发酵培养2天后对发酵液进行过滤浓缩，即得所需烟用香料。");
        d.Claims.ShouldBe(d.Extra["first_claim"] + "\n2.根据权利要求1所述的甘草发酵所得烟用香料，其特征在于：所述的甘草物料与水的质量比优选为1:20。"
                          + "\n3.权利要求1所述甘草发酵所得烟用香料在卷烟生产中的应用，具体为：在卷烟制丝加料阶段，将所述烟用香料喷洒在预先平衡好的烟丝上，添加量为8～12g/箱烟丝；其中，平衡的条件为：温度22±2℃,相对湿度60％±2％，平衡时间24h。");
    }

    [Fact]
    public void Read_CnOld2_ExtractsPrioritiesPctDataAndTwoApplicants()
    {
        var d = ReadSingle("xml/cnipa-old/cn_old2.xml");

        d.ApplicationNumber.ShouldBe("201480000986.0");
        d.ApplicationDate.ShouldBe("20140328");
        d.PublicationNumber.ShouldBe("104245143");
        d.PublicationDate.ShouldBe("20141224");
        d.Title.ShouldBe("用于对包含于人造草坪的填充材料进行重复利用的筛选方法及筛选装置");
        d.Priorities.ShouldBe([
            "KR 10-2013-0033547 20130328", "KR 10-2013-0033737 20130328", "KR 10-2013-0052725 20130509",
            "KR 10-2013-0052726 20130509", "KR 10-2013-0138112 20131114", "KR 10-2013-0138117 20131114",
        ]);
        d.Names(PartyRoles.Applicant).ShouldBe(["可隆科技特株式会社", "盛源立赛科株式会社"]);
        d.First(PartyRoles.Applicant).Address.ShouldBe("韩国京畿道果川市");
        d.Parties.Single(p => p.Name == "盛源立赛科株式会社").Address.ShouldBeNull(); // <text /> in the file
        d.Names(PartyRoles.Inventor).ShouldBe(["朴建洙", "权宁荤", "曹光洙", "孔景录", "蒋志荣"]);
        d.Ipc.ShouldBe(["B03B    5/04    (2006.01)", "B03B    5/32    (2006.01)", "B03B    5/62    (2006.01)", "B07B   13/04    (2006.01)"]);
        d.Names(PartyRoles.Agency).ShouldBe(["北京品源专利代理有限公司"]);
        d.Names(PartyRoles.Agent).ShouldBe(["吕琳", "杨生平"]);
        d.Extra["pct_application"].ShouldBe("KR PCT/KR2014/002669 20140328");
        d.Extra["pct_publication"].ShouldBe("WO 2014/157990 20141002");
        d.Extra["pct_national_entry_date"].ShouldBe("20140930");
        d.Extra["claim_count"].ShouldBe("43");
        d.Extra["first_claim"].ShouldBe("1.一种用于对包含于人造草坪的填充材料进行重复利用的筛选方法，该方法为用于从人造草坪包括的填充材料筛选出至少两种物质而进行重复利用的方法，包括：\n"
                                        + "第1次筛选步骤，基于粒度大小来筛选所述至少两种物质的步骤；以及\n"
                                        + "第2次筛选步骤，其为基于比重来筛选通过所述第1次筛选步骤筛选出的具有属于规定范围的粒度大小的物质的步骤。");
    }

    [Fact]
    public void Read_CnOld3_ReadsSingleLineFileWithoutBom()
    {
        var d = ReadSingle("xml/cnipa-old/cn_old3.xml");

        d.ApplicationNumber.ShouldBe("201480000788.4");
        d.ApplicationDate.ShouldBe("20140331");
        d.PublicationNumber.ShouldBe("104245682");
        d.PublicationKind.ShouldBe("A");
        d.PublicationDate.ShouldBe("20141224");
        d.Title.ShouldBe("马来酸伊索拉定的制造方法");
        d.First(PartyRoles.Applicant).Name.ShouldBe("日本新药株式会社");
        d.First(PartyRoles.Applicant).Address.ShouldBe("日本京都府");
        d.Names(PartyRoles.Inventor).ShouldBe(["服部正之"]);
        d.Ipc.ShouldBe(["C07D  251/18    (2006.01)"]);
        d.Names(PartyRoles.Agency).ShouldBe(["上海专利商标事务所有限公司"]);
        d.Extra["agency_code"].ShouldBe("31100");
        d.Names(PartyRoles.Agent).ShouldBe(["侯莉"]);
        d.Extra["pct_application"].ShouldBe("JP PCT/JP2014/059529 20140331");
        d.Extra["pct_national_entry_date"].ShouldBe("20140828");
        d.Extra["claim_count"].ShouldBe("5");
        // "制造方\n\t\t\t法" in the file: the print wrap inside a Chinese word disappears.
        d.Extra["first_claim"].ShouldStartWith("1.2,4-二氨基-6-(2,5-二氯苯基)-1,3,5-三嗪马来酸盐的结晶的制造方法，其特征在于，包括下述(ⅰ)～(ⅲ)的工序：\n(ⅰ)使2,4-二氨基");
        d.Claims.ShouldEndWith("加热搅拌时的温度为50℃～100℃。");
    }

    [Fact]
    public void Parse_CnipaNewParserOnOldFile_ThrowsFormatMismatch()
    {
        using var stream = File.OpenRead(TestData.File("xml/cnipa-old/cn_old1.xml"));

        var ex = Should.Throw<XmlImportException>(() => new CnipaNewXmlParser().Parse(stream, "cn_old1.xml").ToList());

        ex.Message.ShouldStartWith("XML格式不匹配：根元素 cn-patent-document");
    }

    [Fact]
    public void Parse_EachCnipaParserOnItsOwnFile_GivesSameDraftAsReader()
    {
        using var newStream = File.OpenRead(TestData.File("xml/cnipa-new/cn_new2.xml"));
        using var oldStream = File.OpenRead(TestData.File("xml/cnipa-old/cn_old2.xml"));

        new CnipaNewXmlParser().Parse(newStream, "a.xml").Single().ApplicationNumber.ShouldBe("202110991218.8");
        new CnipaOldXmlParser().Parse(oldStream, "b.xml").Single().SourceRef.ShouldBe("b.xml#1");
    }
}
