using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Programmes;
using Zhichan.Api.Features.Registries.Experts;
using Zhichan.Api.Platform.Database;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Programmes.Review;

/// <summary>
/// What the review needs from the other parts, written straight to the database (the CALLS part produces it over HTTP; the lead
/// adds the end-to-end cycle): a programme type marked 示例 with a 100-point scoring sheet, a call marked 示例, applications already
/// in a given state, experts of the pool, and submitted scores of panel members who have no account.
/// </summary>
public sealed class ProgrammeTestData(ZhichanFactory app)
{
    public static readonly ScoringCriterion[] Sheet =
    [
        new("innovation", "创新水平", 40, "核心专利的技术先进性和创新程度"),
        new("management", "知识产权管理", 30, "制度、机构、人员和经费"),
        new("benefit", "经济效益", 30, "专利产品销售收入和利润"),
    ];

    private async Task<T> WithDbAsync<T>(Func<ZhichanDb, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<ZhichanDb>());
    }

    public Task<long> CallAsync(int size = 5, int reserves = 2, bool avoidSameRegion = false) => WithDbAsync(async db =>
    {
        var type = new ProgrammeType
        {
            Code = $"review_test_{Guid.NewGuid():N}"[..24], Name = "示例：知识产权示范企业认定（评审测试）", Category = "recognition", Applicant = "enterprise",
            Definition = JsonSerializer.Serialize(new ProgrammeDefinition
            {
                Summary = "示例类型，仅供评审测试", Scoring = Sheet, Panel = new PanelRule(size, reserves, AvoidSameRegion: avoidSameRegion),
                Fields = [new FormField("contact", "联系人及电话", "text"), new FormField("summary", "企业知识产权工作概况", "textarea")],
            }, JsonSerializerOptions.Web),
        };
        db.Add(type);
        await db.SaveChangesAsync();
        var call = new ProgrammeCall
        {
            TypeId = type.Id, Year = 2026, Title = "示例：2026 年知识产权示范企业认定（评审测试）", Status = "open", RegionCode = "320700",
            ApplyFrom = new DateOnly(2026, 3, 1), ApplyTo = new DateOnly(2026, 4, 30), IsExample = true,
        };
        db.Add(call);
        await db.SaveChangesAsync();
        return call.Id;
    });

    /// <summary>An application of the call already in <paramref name="state"/> (accepted: passed the formal check, waiting for review).</summary>
    public Task<long> ApplicationInStateAsync(long callId, string applicant, string state = ApplicationStates.Accepted, long? entityId = null, string? region = "320703") =>
        WithDbAsync(async db =>
        {
            var a = new ProgrammeApplication
            {
                CallId = callId, ApplicantName = applicant, EntityId = entityId, RegionCode = region, Status = state, SubmittedAt = DateTimeOffset.UtcNow,
                Form = JsonSerializer.Serialize(new { contact = "张三 13912345678", summary = "设有知识产权部，专职人员 5 名" }),
            };
            db.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });

    public Task<long> ExpertAsync(string name, string? employer = null, string[]? specialties = null, string? region = null, string? title = "正高级工程师",
        string? relationParty = null, string? phone = null, string? idNumber = null) => WithDbAsync(async db =>
    {
        var e = new Expert
        {
            Name = name, Employer = employer, Specialties = specialties ?? ["C"], RegionCode = region, Title = title, Phone = phone, IdNumber = idNumber,
            IsExample = true, Note = "示例：评审测试专家",
        };
        if (relationParty is not null) e.Relations.Add(new ExpertRelation { Kind = RelationKinds.Stake, Party = relationParty, Detail = "持有股票" });
        db.Add(e);
        await db.SaveChangesAsync();
        return e.Id;
    });

    /// <summary>The expert row of the demo account expert, given a specialty so that a draw can select it.</summary>
    public Task<long> DemoExpertAsync(string specialty = "C") => WithDbAsync(async db =>
    {
        var e = await db.Set<Expert>().FirstAsync(x => x.UserId != null && x.IsExample);
        e.Specialties = [specialty];
        await db.SaveChangesAsync();
        return e.Id;
    });

    /// <summary>A submitted score of a panel member who has no account (the demo expert scores over HTTP).</summary>
    public Task SubmittedScoreAsync(long applicationId, long memberId, decimal innovation, decimal management, decimal benefit) => WithDbAsync(async db =>
    {
        db.Add(new ProgrammeScore
        {
            ApplicationId = applicationId, MemberId = memberId, Total = innovation + management + benefit, SubmittedAt = DateTimeOffset.UtcNow,
            Scores = JsonSerializer.Serialize(new Dictionary<string, decimal> { ["innovation"] = innovation, ["management"] = management, ["benefit"] = benefit }),
        });
        await db.SaveChangesAsync();
        return 0;
    });
}
