namespace Zhichan.Api.Features.Plans.Notices;

public sealed record NoticeTargetDto(long OrgUnitId, string Name, DateTime? ReadAt);

public sealed record NoticeDto(long Id, long? PlanId, string Title, string Body, string Kind, string KindName, DateTime IssuedAt, IReadOnlyList<NoticeTargetDto> Targets,
    bool Read);

/// <summary>督查通报: the bureau issues a notice to units; each unit sees its notices (home page) and marks them read.</summary>
public static class NoticeKinds
{
    internal static readonly Dictionary<string, string> Kinds = new() { ["notice"] = "督查通报", ["praise"] = "通报表扬", ["criticism"] = "通报批评" };
}
