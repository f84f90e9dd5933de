using Zhichan.Api.Platform.Workflow;

namespace Zhichan.Api.Features.Programmes;

/// <summary>
/// Fires a transition of <see cref="ApplicationStates.Machine"/> on an application and writes its event row — the one way every
/// part of the engine (formal check, review, publicity, decision) moves an application. The caller saves the context.
/// </summary>
public static class ApplicationWorkflow
{
    /// <summary>The actors the user holds on this application: applicant (a user of its unit), district (its county), bureau (staff).</summary>
    public static IReadOnlyCollection<string> ActorsOf(CurrentUser me, ProgrammeApplication a)
    {
        var actors = new List<string>();
        if (me.IsStaff) actors.Add(ApplicationStates.Bureau);
        if (me.Role == Roles.District && me.RegionPrefix is { } p && a.RegionCode is not null && a.RegionCode.StartsWith(p, StringComparison.Ordinal))
            actors.Add(ApplicationStates.District);
        if (me.OrgUnitId is { } org && a.OrgUnitId == org && me.Role is Roles.Enterprise or Roles.Agency) actors.Add(ApplicationStates.Applicant);
        return actors;
    }

    /// <summary>Checks the transition (Chinese 400/403/409 when refused), moves the state, stamps the time and adds the event row.</summary>
    public static Transition Fire(ZhichanDb db, ProgrammeApplication a, string action, CurrentUser me, string? note, IReadOnlyCollection<string>? actors = null)
    {
        var t = ApplicationStates.Machine.Find(action, a.Status, actors ?? ActorsOf(me, a), note);
        var from = a.Status;
        if (t.To is { } to) a.Status = to;
        a.UpdatedAt = DateTimeOffset.UtcNow;
        db.Add(new ProgrammeApplicationEvent { ApplicationId = a.Id }.Of<ProgrammeApplicationEvent>(t, from, me, note));
        return t;
    }

    /// <summary>An event that is not a state change (create, update, pay …), with the state unchanged.</summary>
    public static void Record(ZhichanDb db, ProgrammeApplication a, string action, CurrentUser me, string? note) =>
        db.Add(new ProgrammeApplicationEvent { ApplicationId = a.Id }.Of<ProgrammeApplicationEvent>(action, a.Status, a.Status, me, note));
}
