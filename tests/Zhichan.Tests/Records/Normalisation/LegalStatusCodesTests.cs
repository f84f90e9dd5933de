using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.LegalStatus;

namespace Zhichan.Tests.Records.Normalisation;

/// <summary>The mapping of the CNIPA gazette's legal-status texts to the records' event vocabulary (Seeds/cnipa-legal-status.json).</summary>
public class LegalStatusCodesTests
{
    [Theory]   // every 法律状态 of the real file, with the 法律状态信息 that decide between codes
    [InlineData("授权", "授权", "granted")]
    [InlineData("保密专利专利权授予", "保密专利专利权授予", "granted")]
    [InlineData("实质审查的生效", "实质审查的生效", "examination")]
    [InlineData("公开", "公开", "published")]
    [InlineData("发明专利申请公布后的视为撤回", "发明专利申请公布后的视为撤回", "deemed_withdrawn")]
    [InlineData("发明专利申请公布后的撤回", "发明专利申请公布后的撤回", "withdrawn")]
    [InlineData("发明专利申请公布后的驳回", "发明专利申请公布后的驳回", "rejected")]
    [InlineData("专利权的终止", "未缴年费专利权终止", "terminated")]
    [InlineData("专利权的终止", "专利权有效期届满", "expired")]
    [InlineData("专利申请权、专利权的转移", "专利申请权的转移", "assigned")]
    [InlineData("专利权人的姓名或者名称、地址的变更", "专利权人的姓名或者名称、地址的变更", "owner_changed")]
    [InlineData("著录事项变更", "著录事项变更", "bibliographic_changed")]
    [InlineData("专利权质押合同登记的生效、变更及注销", "专利权质押合同登记的生效", "pledged")]
    [InlineData("专利权质押合同登记的生效、变更及注销", "专利权质押合同登记的变更", "pledge_changed")]
    [InlineData("专利权质押合同登记的生效、变更及注销", "专利权质押合同登记的注销", "pledge_released")]
    [InlineData("专利实施许可合同备案的生效、变更及注销", "专利实施许可合同备案的生效", "licensed")]
    [InlineData("专利实施许可合同备案的生效、变更及注销", "专利实施许可合同备案的注销", "licence_cancelled")]
    [InlineData("专利权的保全及其解除", "专利权的保全", "preserved")]
    [InlineData("专利权的保全及其解除", "专利权保全的解除", "preservation_released")]
    [InlineData("专利权的无效宣告", "专利权全部无效", "invalidated")]
    [InlineData("专利权的无效、部分无效宣告", "专利权部分无效", "partially_invalidated")]
    [InlineData("专利权的视为放弃", "专利权的视为放弃", "deemed_abandoned")]
    [InlineData("专利权的主动放弃", "专利权的主动放弃", "abandoned")]
    [InlineData("文件的公告送达", "文件的公告送达", "notice_served")]
    [InlineData("发明专利公报更正", "发明专利公报更正", "corrected")]
    [InlineData("外观设计专利更正", "外观设计专利更正", "corrected")]
    [InlineData("未来才有的法律状态", "", "other")]
    public void Map_GazetteText_GivesTheEventCode(string status, string info, string code) => LegalStatusLayout.Map(status, info).ShouldBe(code);

    [Fact]
    public void MappedCodes_AreAllInTheRecordsVocabulary_WithChineseNames() =>
        LegalStatusLayout.MappedCodes.ShouldAllBe(c => LegalEventCodes.Names.ContainsKey(c));

    [Fact]
    public void Derive_EventsOfOneDay_GrantThenTermination_LeaveTheRightLapsed()
    {
        var day = new DateOnly(2016, 12, 28);
        RecordStatus.Derive([new(LegalEventCodes.Terminated, day, null), new(LegalEventCodes.Granted, day, null)]).ShouldBe((RecordStatus.Lapsed, day));
        RecordStatus.Derive([new(LegalEventCodes.DeemedAbandoned, day, null), new(LegalEventCodes.Filed, day.AddYears(-3), null)])
            .ShouldBe((RecordStatus.Abandoned, day));
    }
}
