using Microsoft.Extensions.DependencyInjection.Extensions;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Programmes.Review;

/// <summary>申报评审 · 专家评审: panels drawn with computed avoidance and a published seed, 递补, online scoring, aggregation and 会审 (ADR 0041, 0043).</summary>
public sealed class ReviewModule : IFeatureModule
{
    public int Order => 97;

    public void AddServices(IServiceCollection services) => services.TryAddSingleton(TimeProvider.System);

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/programmes").WithTags("Programmes").RequireAuthorization(Policies.Staff);
        staff.MapGet("/review/calls", ListReviewCalls.HandleAsync).WithName("ListReviewCalls").WithSummary("待评审及已评审的申报批次（含当前有效的专家抽取）");
        staff.MapGet("/calls/{id:long}/draws", ListExpertDraws.HandleAsync).WithName("ListExpertDraws").WithSummary("批次的专家抽取（有效的及已作废的）和项目类型的默认抽取规则");
        staff.MapPost("/calls/{id:long}/draws", DrawExperts.HandleAsync).WithName("DrawExperts").WithSummary("随机抽取评审专家：按专业、职称、地区筛选，计算回避，以密码学随机种子抽取专家和候补，记录种子和全部输入");
        staff.MapGet("/draws/{id:long}", GetExpertDraw.HandleAsync).WithName("GetExpertDraw").WithSummary("专家抽取详情：种子、算法、输入、结果、回避名单及理由、记录和复核结果");
        staff.MapPost("/draws/{id:long}/redraw", RedrawExperts.HandleAsync).WithName("RedrawExperts").WithSummary("重新抽取（须说明理由；原抽取保留并标为作废；已开始评分的不能重新抽取）");
        staff.MapPost("/draws/{id:long}/members/{memberId:long}/replace", ReplacePanelMember.HandleAsync).WithName("ReplacePanelMember").WithSummary("专家谢绝或回避时由候补按顺序递补");
        staff.MapPost("/draws/{id:long}/publish", PublishExpertDraw.HandleAsync).WithName("PublishExpertDraw").WithSummary("公示抽取（种子、输入和结果公开可复核，专家姓名脱敏）");
        staff.MapGet("/draws/{id:long}/export", ExportExpertDraw.HandleAsync).WithName("ExportExpertDraw").WithSummary("导出专家组名单（Excel，电话和身份证号已脱敏）").RequireRateLimiting(RateLimits.Export);
        staff.MapGet("/calls/{id:long}/scores", GetCallScores.HandleAsync).WithName("GetCallScores").WithSummary("批次评分汇总：各专家总分、去掉最高最低分的平均分、差异标记、排名");
        staff.MapPost("/calls/{id:long}/review/finish", FinishCallReview.HandleAsync).WithName("FinishCallReview").WithSummary("结束评审：汇总得分、标记差异、排名（未全部提交的须说明理由）");
        staff.MapPost("/applications/{id:long}/adjust", AdjustApplicationScore.HandleAsync).WithName("AdjustApplicationScore").WithSummary("会审调整得分（须写明理由）");

        var expert = app.MapGroup("/api/programmes/review").WithTags("Programmes").RequireAuthorization(Policies.SignedIn);
        expert.MapGet("/panels", ListMyPanels.HandleAsync).WithName("ListMyPanels").WithSummary("我的评审任务（专家本人所在的专家组及待评申报）");
        expert.MapPost("/panels/{memberId:long}/accept", AcceptPanelSeat.HandleAsync).WithName("AcceptPanelSeat").WithSummary("确认参加评审");
        expert.MapPost("/panels/{memberId:long}/decline", DeclinePanelSeat.HandleAsync).WithName("DeclinePanelSeat").WithSummary("谢绝参加评审（须说明理由，由候补递补）");
        expert.MapGet("/applications/{id:long}", GetReviewApplication.HandleAsync).WithName("GetReviewApplication").WithSummary("评审的申报：申报内容（联系信息已脱敏）、评分表及本人评分");
        expert.MapPut("/applications/{id:long}/score", SaveReviewScore.HandleAsync).WithName("SaveReviewScore").WithSummary("暂存或提交评分");
        expert.MapPost("/applications/{id:long}/conflict", DeclareReviewConflict.HandleAsync).WithName("DeclareReviewConflict").WithSummary("申报回避（退出专家组，由候补递补）");

        var pub = app.MapGroup("/api/public/programmes").WithTags("Programmes").AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        pub.MapGet("/draws/{id:long}", GetPublicExpertDraw.HandleAsync).WithName("GetPublicExpertDraw").WithSummary("公示的专家抽取：种子、算法、输入和结果（专家姓名脱敏）");
        pub.MapGet("/draws/{id:long}/verify", VerifyExpertDraw.HandleAsync).WithName("VerifyExpertDraw").WithSummary("用公示的种子和输入重新运行抽取并与公示结果比对");
        pub.MapPost("/draws/verify", RerunExpertDraw.Handle).WithName("RerunExpertDraw").WithSummary("对提交的种子和输入运行专家抽取算法（任何人可独立复核）").DisableAntiforgery();
    }
}
