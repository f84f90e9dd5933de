using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Transactions.Rights;
using Zhichan.Api.Platform.Workflow;

namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>Row filters, the detail view and the gazette matching shared by the filing use cases.</summary>
public static class FilingQueries
{
    /// <summary>
    /// The filings a caller may see (ADR 0031, 0039): staff all; a district its region; an enterprise or an agency those of its
    /// unit — created by it, filed by it as 代理机构, or with it as a party; other roles none.
    /// </summary>
    private static readonly RowScope Scope = new("f.region_code", Unit: """
        SELECT f.owner_org_unit_id UNION ALL SELECT f.agency_org_unit_id
        UNION ALL SELECT p.org_unit_id FROM licence_filing_parties p WHERE p.filing_id = f.id
        """, UnitRoles: [Roles.Enterprise, Roles.Agency]);

    public static IQueryable<LicenceFiling> Visible(ZhichanDb db, CurrentUser me) => Scope.Rows(db.Set<LicenceFiling>(), "licence_filings", "f", me);

    /// <summary>The filing if the caller may see it, else 404 (an invisible row answers as a missing one).</summary>
    public static async Task<LicenceFiling> LoadAsync(ZhichanDb db, CurrentUser me, long id, CancellationToken ct) =>
        await Visible(db, me).FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new DomainException("备案不存在", 404);

    /// <summary>Whether the caller may act as the filer (enterprise party, agency, or staff entering a filing).</summary>
    public static bool IsFiler(CurrentUser me) => me.IsStaff || me.Role is Roles.Enterprise or Roles.Agency;

    /// <summary>Staff act as filer only on the filings they entered themselves (a paper filing, an import), never on a party's own.</summary>
    public static bool MayFile(LicenceFiling f, CurrentUser me) => !me.IsStaff || f.OwnerOrgUnitId == me.OrgUnitId;

    /// <summary>The actors the caller holds on this filing: filer (see <see cref="MayFile"/>) and bureau (staff).</summary>
    public static IReadOnlyCollection<string> ActorsOf(LicenceFiling f, CurrentUser me)
    {
        var actors = new List<string>();
        if (IsFiler(me) && MayFile(f, me)) actors.Add(FilingActors.Filer);
        if (me.IsStaff) actors.Add(FilingActors.Bureau);
        return actors;
    }

    public static IEnumerable<string> ActionsOf(LicenceFiling f, CurrentUser me)
    {
        var actors = ActorsOf(f, me);
        var actions = FilingRules.Machine.Allowed(f.State, actors).Select(t => t.Action).ToList();
        if (actors.Contains(FilingActors.Filer) && f.State is FilingStates.Draft or FilingStates.Refused or FilingStates.Changing) actions.Add("edit");
        // a change refused is decided by the same "decide" action: show one of them
        if (f.ApprovedSnapshot is null) actions.Remove("refuse_change"); else actions.Remove("refuse");
        return actions.Distinct();
    }

    /// <summary>The decision limit while accepted (days left from today); after the decision, how it compared with the limit.</summary>
    public static FilingDue? DueOf(LicenceFiling f, WorkCalendar cal, DateOnly today)
    {
        if (f.DecisionDue is not { } due) return null;
        var at = f.State == FilingStates.Accepted ? today : f.DecidedOn ?? today;
        return new FilingDue(due, cal.WorkingDaysLeft(at, due), at > due);
    }

    public static string? LateWarning(LicenceFiling f) =>
        f.SubmittedLate && f.EffectiveDate is { } e
            ? $"合同生效日为 {e:yyyy-MM-dd}，应在 {FilingRules.SubmitBy(e):yyyy-MM-dd} 前（生效之日起 {FilingRules.SubmitWithinMonths} 个月内）提交备案，本次提交已逾期"
            : null;

    public static async Task<Dictionary<string, string>> RegionNamesAsync(ZhichanDb db, IEnumerable<string?> codes, CancellationToken ct)
    {
        var list = codes.OfType<string>().Distinct().ToArray();
        if (list.Length == 0) return [];
        var rows = await db.Database.GetDbConnection().QueryAsync<(string Code, string Name)>(
            new CommandDefinition("SELECT code, name FROM ref_regions WHERE code = ANY(@list)", new { list }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Code, r => r.Name);
    }

    public static async Task<FilingDetail> DetailAsync(ZhichanDb db, LicenceFiling f, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var parties = await db.Set<LicenceFilingParty>().AsNoTracking().Where(p => p.FilingId == f.Id).OrderBy(p => p.Seq).ToListAsync(ct);
        var rights = await db.Set<LicenceFilingRight>().AsNoTracking().Where(r => r.FilingId == f.Id).OrderBy(r => r.Seq).ToListAsync(ct);
        var events = await db.Set<LicenceFilingEvent>().AsNoTracking().Where(e => e.FilingId == f.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var regions = await RegionNamesAsync(db, [f.RegionCode], ct);
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var gazette = await GazetteForAsync(db, f, rights.Select(r => r.Number).ToArray(), ct);
        var submitBy = FilingRules.SubmitBy(f.EffectiveDate ?? DateOnly.FromDateTime(f.CreatedAt.UtcDateTime));
        return new FilingDetail(f.Id, f.Kind, FilingKinds.Names[f.Kind], f.State, FilingStates.Names[f.State], f.Version, f.FilingNumber, f.LicenceType,
            f.LicenceType is null ? null : FilingRules.LicenceTypes[f.LicenceType], f.Territory, f.TermFrom, f.TermTo, f.FeeBasis,
            f.FeeBasis is null ? null : FilingRules.FeeBases[f.FeeBasis], f.Amount, f.RoyaltyRate, f.ContractDate, f.EffectiveDate, submitBy, f.RegionCode,
            f.RegionCode is null ? null : regions.GetValueOrDefault(f.RegionCode), f.AgencyName, f.SubmittedOn, f.SubmittedLate, LateWarning(f), f.AcceptedOn,
            DueOf(f, cal, ChinaTime.Today(clock)), f.DecidedOn, f.ApprovedOn, f.RefusalReason, f.CancelledOn, f.CancelReason, f.ApprovedSnapshot is not null,
            f.OpenLicenceId, f.Source, f.Note,
            parties.Select(p => new FilingPartyView(p.Role, FilingRules.PartyRoles[p.Role], p.EntityId, p.OrgUnitId, p.Name, p.CreditCode)).ToList(),
            rights.Select(r => new FilingRightView(r.Kind, RightKinds.Names[r.Kind], r.Number, r.RecordId, r.Title, r.RightType,
                r.RightType is null ? null : RightTypes.Names.GetValueOrDefault(r.RightType), r.ApplicationDate, FilingRules.Expiry(r.RightType, r.ApplicationDate))).ToList(),
            events.Select(e => (e, v: WorkflowEventView.Of(e, FilingRules.Machine)))
                .Select(x => new FilingEventView(x.e.Id, x.v.At, x.v.Action, x.v.ActionLabel, x.v.FromState, x.v.FromLabel, x.v.ToState ?? "", x.v.ToLabel ?? "",
                    x.e.Version, x.v.Note, x.v.ActorName)).ToList(),
            gazette, ActionsOf(f, me).ToList(), f.CreatedAt, f.UpdatedAt);
    }

    public static async Task AddEventAsync(ZhichanDb db, LicenceFiling f, string action, string? from, string? note, CurrentUser me, CancellationToken ct)
    {
        var display = me.Id is { } uid ? await db.Users.AsNoTracking().Where(u => u.Id == uid).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        var name = (display ?? me.Name) + (me.OrgUnitName is { Length: > 0 } unit ? $"（{unit}）" : "");
        var e = new LicenceFilingEvent { FilingId = f.Id, Version = f.Version }.Of<LicenceFilingEvent>(action, from, f.State, me, note);
        e.ActorName = name;
        db.Set<LicenceFilingEvent>().Add(e);
    }

    public static readonly IReadOnlyDictionary<string, string> GazetteKindNames = new Dictionary<string, string> { ["transfer"] = "转让", ["licence"] = "许可" };

    /// <summary>
    /// The gazette's events matched to a filing (ADR 0032): same application number as one of its rights, the kind that
    /// corresponds (licence ↔ licence, transfer ↔ assignment), the filing past its draft, and the event dated from the contract
    /// (the earlier of signing and effect) to one year after the filing's 备案 (or submission).
    /// </summary>
    public const string MatchCondition = """
        f.state <> 'draft'
        AND f.kind = CASE e.kind WHEN 'licence' THEN 'licence' ELSE 'assignment' END
        AND e.event_date >= least(f.contract_date, f.effective_date)
        AND e.event_date <= coalesce(f.approved_on, f.submitted_on, f.contract_date) + 365
        """;

    private static async Task<IReadOnlyList<GazetteEventView>> GazetteForAsync(ZhichanDb db, LicenceFiling f, string[] numbers, CancellationToken ct)
    {
        if (numbers.Length == 0 || f.State == FilingStates.Draft) return [];
        var rows = await db.Database.GetDbConnection().QueryAsync<(long Id, long? RecordId, string ApplicationNumber, DateTime EventDate, string Kind, string Code, string StatusText, string InfoText)>(
            new CommandDefinition($"""
                SELECT e.id, e.record_id, e.application_number, e.event_date::timestamp, e.kind, e.code, e.status_text, e.info_text
                FROM records_transaction_events e JOIN licence_filings f ON f.id = @id
                WHERE e.kind IN ('transfer', 'licence') AND e.application_number = ANY(@numbers) AND {MatchCondition}
                ORDER BY e.event_date, e.id
                """, new { id = f.Id, numbers }, cancellationToken: ct));
        return rows.Select(r => new GazetteEventView(r.Id, r.RecordId, r.ApplicationNumber, DateOnly.FromDateTime(r.EventDate), r.Kind, GazetteKindNames[r.Kind],
            r.Code, r.StatusText, r.InfoText)).ToList();
    }

    /// <summary>The list rows of a page of filings (with party names, rights summary, region names and the decision limit).</summary>
    public static async Task<List<FilingRow>> RowsAsync(ZhichanDb db, IReadOnlyList<LicenceFiling> page, TimeProvider clock, CancellationToken ct)
    {
        var ids = page.Select(f => f.Id).ToList();
        var parties = (await db.Set<LicenceFilingParty>().AsNoTracking().Where(p => ids.Contains(p.FilingId)).OrderBy(p => p.Seq).ToListAsync(ct)).ToLookup(p => p.FilingId);
        var rights = (await db.Set<LicenceFilingRight>().AsNoTracking().Where(r => ids.Contains(r.FilingId)).OrderBy(r => r.Seq).ToListAsync(ct)).ToLookup(r => r.FilingId);
        var regions = await RegionNamesAsync(db, page.Select(f => f.RegionCode), ct);
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var today = ChinaTime.Today(clock);
        return page.Select(f =>
        {
            var (giver, taker) = FilingRules.RolesOf(f.Kind);
            var rs = rights[f.Id].ToList();
            var summary = rs.Count == 0 ? "" : rs.Count == 1 ? rs[0].Number : $"{rs[0].Number} 等 {rs.Count} 项";
            return new FilingRow(f.Id, f.Kind, FilingKinds.Names[f.Kind], f.State, FilingStates.Names[f.State], f.Version, f.FilingNumber,
                string.Join("、", parties[f.Id].Where(p => p.Role == giver).Select(p => p.Name)), string.Join("、", parties[f.Id].Where(p => p.Role == taker).Select(p => p.Name)),
                summary, rs.Count, f.LicenceType, f.LicenceType is null ? null : FilingRules.LicenceTypes[f.LicenceType], f.RegionCode,
                f.RegionCode is null ? null : regions.GetValueOrDefault(f.RegionCode), f.ContractDate, f.EffectiveDate, f.SubmittedOn, f.SubmittedLate,
                DueOf(f, cal, today), f.ApprovedOn, f.Amount, f.AgencyName, f.Source);
        }).ToList();
    }
}

/// <summary>Fires a transition of <see cref="FilingRules.Machine"/> and writes its event (the audit of the EF write follows from SaveChanges).</summary>
public static class FilingTransitions
{
    public static async Task<Transition> ApplyAsync(ZhichanDb db, LicenceFiling f, string action, string? note, CurrentUser me, CancellationToken ct)
    {
        if (me.IsStaff && !FilingQueries.MayFile(f, me) && FilingRules.Machine.Table.Where(t => t.Action == action).All(t => t.Actor == FilingActors.Filer))
            throw new DomainException("该备案由当事人或代理机构办理，知识产权局不能代为提交、修改或申请变更");
        var t = FilingRules.Machine.Find(action, f.State, FilingQueries.ActorsOf(f, me), note);
        var from = f.State;
        f.State = t.To ?? from;
        f.UpdatedAt = DateTimeOffset.UtcNow;
        await FilingQueries.AddEventAsync(db, f, action, from, note, me, ct);
        return t;
    }
}
