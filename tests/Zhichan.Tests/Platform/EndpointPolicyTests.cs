using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Platform;

/// <summary>
/// Walks every operation of the OpenAPI document as every role and as an anonymous caller (issue 18, "beyond the findings"):
/// each operation must have an entry in <see cref="AccessPolicy.Table"/> — who passes its authorization policy and what row
/// filter its handler applies — and the answers must agree with it: a caller outside the policy gets 401 (anonymous) or the
/// policy's 403, a caller inside never does. A new endpoint cannot ship without a stated policy.
/// </summary>
public class EndpointPolicyTests(ZhichanFactory app) : IntegrationTest(app)
{
    private static readonly string[] Users = ["admin", "bureau", "police", "lianyun", "hengrui", "agency", "expert"];
    private const string PolicyDenied = "当前角色无权访问该功能";

    private sealed record Operation(string Method, string Path, string Id, bool HasBody, bool Multipart);

    private async Task<List<Operation>> OperationsAsync()
    {
        var doc = JsonDocument.Parse(await App.CreateAnonymousClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var ops = new List<Operation>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        foreach (var op in path.Value.EnumerateObject())
        {
            var body = op.Value.TryGetProperty("requestBody", out var rb);
            var multipart = body && rb.GetProperty("content").TryGetProperty("multipart/form-data", out _) && !rb.GetProperty("content").TryGetProperty("application/json", out _);
            ops.Add(new Operation(op.Name.ToUpperInvariant(), path.Name, op.Value.GetProperty("operationId").GetString()!, body, multipart));
        }
        // sign-outs last: they end the session the walk uses
        return ops.OrderBy(o => o.Id is "Logout" ? 1 : 0).ToList();
    }

    /// <summary>A concrete URL: ids that exist nowhere, codes that exist, days far in the future (a DELETE must not remove a real holiday).</summary>
    private static string Url(string template) => System.Text.RegularExpressions.Regex.Replace(template, @"\{(\w+)\}", m => m.Groups[1].Value switch
    {
        "code" => "invention_applications",
        "day" => "2099-01-01",
        "receiptNumber" => "NOSUCHRECEIPT",
        _ => "999999",
    });

    [Fact]
    public async Task EveryOperation_HasAStatedPolicy_AndEveryRoleIsAnsweredAccordingly()
    {
        var ops = await OperationsAsync();
        var missing = ops.Where(o => !AccessPolicy.Table.ContainsKey(o.Id)).Select(o => $"{o.Id} ({o.Method} {o.Path})").ToList();
        missing.ShouldBeEmpty("operations without an entry in AccessPolicy.Table: state who may call them and their row filter");
        AccessPolicy.Table.Keys.Except(ops.Select(o => o.Id)).ShouldBeEmpty("entries for operations that no longer exist");
        foreach (var (id, p) in AccessPolicy.Table)
        {
            p.RowFilter.ShouldNotBeNullOrWhiteSpace($"{id} has no stated row filter");
            p.Who.ShouldNotBeNullOrWhiteSpace();
        }

        var clients = new Dictionary<string, HttpClient> { ["anonymous"] = App.CreateAnonymousClient() };
        foreach (var u in Users) clients[u] = await App.CreateClientAsAsync(u);
        var wrong = new List<string>();
        var observed = new StringBuilder();
        foreach (var op in ops)
        {
            var allowed = AccessPolicy.Table[op.Id].Roles;
            var passed = new List<string>();
            foreach (var (who, client) in clients)
            {
                using var req = new HttpRequestMessage(new HttpMethod(op.Method), Url(op.Path));
                if (op.HasBody) req.Content = op.Multipart ? new MultipartFormDataContent() : JsonContent.Create(new { });
                using var res = await client.SendAsync(req);
                var text = await res.Content.ReadAsStringAsync();
                var deniedByPolicy = res.StatusCode == HttpStatusCode.Unauthorized && who == "anonymous"
                                     || res.StatusCode == HttpStatusCode.Forbidden && text.Contains(PolicyDenied, StringComparison.Ordinal);
                if (!deniedByPolicy) passed.Add(who);
                var expected = AccessPolicy.Admits(allowed, who);
                if (expected == deniedByPolicy) wrong.Add($"{op.Id} as {who}: {(int)res.StatusCode} (policy says {(expected ? "allowed" : "denied")})");
                if (res.StatusCode == HttpStatusCode.InternalServerError) wrong.Add($"{op.Id} as {who}: 500 {text}");
            }
            observed.AppendLine($"{op.Id}: {string.Join(",", passed)}");
        }
        wrong.ShouldBeEmpty(observed.ToString());
    }

    [Fact]
    public async Task EveryOpenOperation_NeedsAnApiKeyWithItsScope()
    {
        var doc = JsonDocument.Parse(await App.CreateAnonymousClient().GetStringAsync("/openapi/open-v1.json")).RootElement;
        var ops = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => new Operation(o.Name.ToUpperInvariant(), p.Name, o.Value.GetProperty("operationId").GetString()!, false, false)))
            .ToList();
        ops.Select(o => o.Id).Order().ShouldBe(OpenAccessPolicy.Scopes.Keys.Order(), "every open operation states its scope in OpenAccessPolicy, and only those");
        ops.ShouldAllBe(o => o.Path.StartsWith("/api/open/v1/"));
        var admin = await App.CreateClientAsAsync("admin");
        string[] first = ["records.read", "records.sync", "indicators.read"], second = ["plans.read", "disclosures.read", "publicity.read", "agencies.read"];
        var (_, k1) = await Zhichan.Tests.Portal.OpenApiKeys.CreateAsync(admin, first);
        var (_, k2) = await Zhichan.Tests.Portal.OpenApiKeys.CreateAsync(admin, second);
        var wrong = new List<string>();
        foreach (var op in ops)
        {
            var scope = OpenAccessPolicy.Scopes[op.Id];
            var (with, without) = first.Contains(scope) ? (k1, k2) : (k2, k1);
            var callers = new (string Who, HttpClient Client, int[] Expected)[]
            {
                ("anonymous", App.CreateAnonymousClient(), [401]), ("admin cookie", admin, [401]),
                ("key without scope", Zhichan.Tests.Portal.OpenApiKeys.Client(App, without), [403]),
                ("key with scope", Zhichan.Tests.Portal.OpenApiKeys.Client(App, with), op.Path.Contains('{') ? [200, 404] : [200]),
            };
            foreach (var (who, client, expected) in callers)
            {
                using var res = await client.SendAsync(new HttpRequestMessage(new HttpMethod(op.Method), Url(op.Path)));
                if (!expected.Contains((int)res.StatusCode)) wrong.Add($"{op.Id} as {who}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
            }
        }
        wrong.ShouldBeEmpty();
    }
}

/// <summary>
/// Who may call each operation (its authorization policy) and the row filter its handler applies. Roles: anonymous, admin,
/// bureau, department (police here), district (lianyun), enterprise (hengrui), agency, expert. <c>Who</c> is one of the
/// shorthands of <see cref="Admits"/> or a comma-separated list.
/// </summary>
public static class AccessPolicy
{
    public sealed record Policy(string Who, string RowFilter)
    {
        public string Roles => Who;
    }

    private const string Anyone = "anyone", SignedIn = "signed-in", Government = "government", Staff = "staff", Admin = "admin";

    /// <summary>Whether a caller (anonymous or a demo user name) passes the policy shorthand.</summary>
    public static bool Admits(string who, string caller)
    {
        var role = caller switch
        {
            "anonymous" => "anonymous", "admin" => "admin", "bureau" => "bureau", "police" or "court" => "department",
            "lianyun" or "haizhou" => "district", "hengrui" => "enterprise", "agency" => "agency", "expert" => "expert", _ => caller,
        };
        return who switch
        {
            Anyone => true,
            SignedIn => role != "anonymous",
            Government => role is "admin" or "bureau" or "department" or "district",
            Staff => role is "admin" or "bureau",
            Admin => role == "admin",
            _ => who.Split(',').Contains(role),
        };
    }

    public static readonly IReadOnlyDictionary<string, Policy> Table = new Dictionary<string, Policy>
    {
        // home
        ["GetCockpit"] = new(Government, "bureau: its jurisdiction; district: its region and its tasks; department: its own unit's tasks and cases"),
        // accounts
        ["Login"] = new(Anyone, "none: rate-limited per IP, lockout per account"),
        ["Logout"] = new(Anyone, "the caller's own session"),
        ["GetCurrentUser"] = new(SignedIn, "the caller"),
        ["ChangePassword"] = new(SignedIn, "the caller's own account"),
        ["SetUpSecondFactor"] = new(SignedIn, "the caller's own account"),
        ["EnableSecondFactor"] = new(SignedIn, "the caller's own account"),
        ["DisableSecondFactor"] = new(SignedIn, "the caller's own account"),
        ["GetEmailNotifications"] = new(SignedIn, "the caller's own account"),
        ["SetEmailNotifications"] = new(SignedIn, "the caller's own account"),
        // admin
        ["ListUsers"] = new(Admin, "all users"),
        ["CreateUser"] = new(Admin, "all users"),
        ["UpdateUser"] = new(Admin, "all users; not oneself's admin role or activity"),
        ["UnlockUser"] = new(Admin, "all users"),
        ["ResetUserPassword"] = new(Admin, "all users"),
        ["ListOrgUnits"] = new(Government, "all org units (names are not personal data)"),
        ["CreateOrgUnit"] = new(Admin, "all org units"),
        ["UpdateOrgUnit"] = new(Admin, "all org units"),
        ["ListAuditLog"] = new(Admin, "the whole log"),
        ["GetMetrics"] = new(Admin, "process-wide counters and histograms, no rows; also served to the ZHICHAN_METRICS_TOKEN bearer token"),
        ["ListMailOutbox"] = new(Admin, "the whole outbox (addresses are the admin's to see)"),
        ["RetryMail"] = new(Admin, "the whole outbox"),
        ["SendPendingMail"] = new(Admin, "the whole outbox"),
        ["SendTestMail"] = new(Admin, "an address the admin gives"),
        // notifications
        ["ListNotifications"] = new(SignedIn, "addressed to the caller or the caller's unit"),
        ["GetUnreadNotificationCount"] = new(SignedIn, "addressed to the caller or the caller's unit"),
        ["MarkNotificationRead"] = new(SignedIn, "addressed to the caller or the caller's unit (404 otherwise)"),
        ["MarkAllNotificationsRead"] = new(SignedIn, "addressed to the caller or the caller's unit"),
        // records
        ["SearchRecords"] = new(Anyone, "public bibliographic data; anonymous callers rate-limited per IP"),
        ["GetRecord"] = new(Anyone, "public bibliographic data"),
        ["ExportRecords"] = new(Anyone, "public data; anonymous: at most 1,000 rows and a low hourly rate, signed-in: 100,000"),
        ["GetRecordStats"] = new(Anyone, "public aggregates"),
        ["ListRegions"] = new(Anyone, "reference data"),
        // analysis · watches (issue 24 §3)
        ["ListWatches"] = new("admin,bureau,enterprise", "the caller's own watches; staff also the bureau-wide ones"),
        ["CreateWatch"] = new("admin,bureau,enterprise", "created as the caller's own; bureau-wide and indicator watches staff only"),
        ["GetWatch"] = new("admin,bureau,enterprise", "the caller's own watches; staff also the bureau-wide ones (404 otherwise)"),
        ["SetWatchPaused"] = new("admin,bureau,enterprise", "the caller's own watches (404 otherwise; a bureau-wide one of another staff user 403)"),
        ["DeleteWatch"] = new("admin,bureau,enterprise", "the caller's own watches (404 otherwise; a bureau-wide one of another staff user 403)"),
        ["ListWatchHits"] = new("admin,bureau,enterprise", "alerts of the watches the caller sees (404 otherwise)"),
        ["GetWatchHit"] = new("admin,bureau,enterprise", "alerts of the watches the caller sees (404 otherwise)"),
        ["EvaluateWatches"] = new(Staff, "all watches (a system run)"),
        ["ListSubscriptions"] = new("admin,bureau,district,enterprise", "the caller's own subscriptions"),
        ["CreateSubscription"] = new("admin,bureau,district,enterprise", "created as the caller's own"),
        ["UpdateSubscription"] = new("admin,bureau,district,enterprise", "the caller's own subscriptions (404 otherwise)"),
        ["DeleteSubscription"] = new("admin,bureau,district,enterprise", "the caller's own subscriptions (404 otherwise)"),
        ["PreviewBriefing"] = new("admin,bureau,district,enterprise", "the caller's own subscriptions (404 otherwise); watch alerts of the watches the caller sees"),
        ["SendBriefingNow"] = new("admin,bureau,district,enterprise", "the caller's own subscriptions (404 otherwise); sent to the caller only"),
        ["ListBriefings"] = new("admin,bureau,district,enterprise", "the caller's own briefings"),
        ["GetBriefing"] = new("admin,bureau,district,enterprise", "the caller's own briefings (404 otherwise)"),
        // analysis · patent navigation (issue 24 §1)
        ["ListNavigationProjects"] = new("admin,bureau,district,enterprise", "enterprise: its org unit's projects; district: projects of its region prefix; staff all"),
        ["CreateNavigationProject"] = new("admin,bureau,enterprise", "staff any kind; enterprise 企业经营/研发活动 for its own org unit"),
        ["GetNavigationProject"] = new("admin,bureau,district,enterprise", "as ListNavigationProjects (404 otherwise)"),
        ["UpdateNavigationProject"] = new("admin,bureau,enterprise", "staff all; enterprise its org unit's projects (404 otherwise)"),
        ["GetNavigationReport"] = new("admin,bureau,district,enterprise", "as ListNavigationProjects (404 otherwise); the records themselves are public data"),
        ["SaveNavigationNarratives"] = new("admin,bureau,enterprise", "as UpdateNavigationProject"),
        ["ListNavigationVersions"] = new("admin,bureau,district,enterprise", "as ListNavigationProjects (404 otherwise)"),
        ["PublishNavigationVersion"] = new("admin,bureau,enterprise", "as UpdateNavigationProject"),
        ["ExportNavigationReport"] = new("admin,bureau,district,enterprise", "as ListNavigationProjects (404 otherwise)"),
        ["ListAbnormalFilings"] = new(Staff, "all screening groups"),
        ["ListAppraisals"] = new("admin,bureau,district,enterprise,agency", "staff all; district its region; enterprise its own unit's requests; agency those it is the service body of"),
        ["CreateAppraisal"] = new("admin,bureau,enterprise", "an enterprise only for its own unit; staff any owner"),
        ["GetAppraisal"] = new("admin,bureau,district,enterprise,agency", "as ListAppraisals (404 otherwise); contact masked for district and agency"),
        ["UpdateAppraisal"] = new("admin,bureau,enterprise", "as ListAppraisals (404 otherwise); the requester before acceptance or after a return, staff until archived"),
        ["TransitionAppraisal"] = new("admin,bureau,enterprise", "as ListAppraisals (404 otherwise); the transition table's actor (bureau; the requester resubmits)"),
        ["SetAppraisalCheck"] = new(Staff, "all requests"),
        ["CollectAppraisalEvidence"] = new(Staff, "all requests"),
        ["SaveAppraisalOpinion"] = new(Staff, "all requests"),
        ["ExportAppraisalOpinion"] = new("admin,bureau,district,enterprise,agency", "as ListAppraisals (404 otherwise)"),
        ["ExportAppraisalOpinionPdf"] = new("admin,bureau,district,enterprise,agency", "as ListAppraisals (404 otherwise)"),
        ["UploadAppraisalFile"] = new("admin,bureau,enterprise", "as UpdateAppraisal (404 otherwise)"),
        ["DownloadAppraisalFile"] = new("admin,bureau,district,enterprise,agency", "files of the requests the caller sees (404 otherwise)"),
        ["DeleteAppraisalFile"] = new("admin,bureau,enterprise", "as UpdateAppraisal (404 otherwise)"),
        ["CheckAppraisalDeadlines"] = new(Staff, "all requests (a system run)"),
        ["ListSavedSearches"] = new(SignedIn, "the caller's own saved searches"),
        ["CreateSavedSearch"] = new(SignedIn, "saved as the caller's own"),
        ["UpdateSavedSearch"] = new(SignedIn, "the caller's own saved searches (404 otherwise)"),
        ["DeleteSavedSearch"] = new(SignedIn, "the caller's own saved searches (404 otherwise)"),
        ["CreateImport"] = new(Staff, "all imports"),
        ["GetImport"] = new(Staff, "all imports"),
        ["ListImports"] = new(Staff, "all imports"),
        ["RetryImport"] = new(Staff, "all imports"),
        ["ListImportRejections"] = new(Staff, "all imports"),
        ["GetReattribution"] = new(Staff, "the attribution rules' version and the last re-attribution job"),
        ["ReattributeRecords"] = new(Staff, "all records (their region and industries)"),
        ["PreviewImport"] = new(Staff, "the uploaded file"),
        ["ListImportMappings"] = new(Staff, "all mappings"),
        ["CreateImportMapping"] = new(Staff, "all mappings"),
        // indicators
        ["ListIndicators"] = new(Government, "the catalogue"),
        ["GetIndicator"] = new(Government, "the catalogue"),
        ["UpdateIndicatorDefinition"] = new(Staff, "the catalogue"),
        ["GetIndicatorValues"] = new(Government, "district: its own region and the custom units inside it"),
        ["GetIndicatorValueRecords"] = new(Government, "district: its own region"),
        ["GetIndicatorValueRows"] = new(Government, "district: its own region"),
        ["ReportIndicatorValue"] = new(Government, "the indicator's owning unit or the bureau; district: its own region"),
        ["ReviewIndicatorValue"] = new(Staff, "all values"),
        ["RecomputeIndicators"] = new(Staff, "all values"),
        ["ListPopulation"] = new(Government, "reference data"),
        ["SavePopulation"] = new(Staff, "reference data"),
        ["ListIndicatorValueVersions"] = new(Government, "district: its own region"),
        ["ListCustomUnits"] = new(Government, "district: units whose members all lie in its region"),
        ["CreateCustomUnit"] = new(Staff, "all units"),
        ["UpdateCustomUnit"] = new(Staff, "all units"),
        ["ListIndicatorComputations"] = new(Government, "all runs (no personal data)"),
        // plans
        ["ListPlans"] = new(Government, "all plans"),
        ["GetPlan"] = new(Government, "tasks: staff all, a unit the tasks it carries"),
        ["ListPlanWarnings"] = new(Government, "tasks: staff all, a unit the tasks it carries"),
        ["ListGoalShares"] = new(Government, "all plans (the districts of the plan's jurisdiction)"),
        ["SetGoalShares"] = new(Staff, "the districts of the plan's jurisdiction only (400 otherwise)"),
        ["CreatePlanTask"] = new(Staff, "all plans"),
        ["UpdatePlanTask"] = new(Staff, "all tasks"),
        ["ListPlanTasks"] = new(Government, "staff all; a unit the tasks it carries"),
        ["ListTaskProgressReports"] = new(Government, "a task the caller carries; a unit sees only its own unit's reports"),
        ["SubmitProgressReport"] = new(Government, "a task the caller's unit carries"),
        ["ListProgressReports"] = new(Government, "staff all; a unit its own"),
        ["ReviewProgressReport"] = new(Staff, "all reports"),
        ["UploadProgressReportAttachment"] = new(Government, "the caller's own uploads"),
        ["AddProgressReportAttachment"] = new(Government, "the caller's unit's report awaiting review"),
        ["DownloadProgressReportAttachment"] = new(Government, "staff, or the reporting unit (404 otherwise)"),
        ["ListSupervisionNotices"] = new(Government, "staff all; a unit those addressed to it"),
        ["CreateSupervisionNotice"] = new(Staff, "all units"),
        ["MarkSupervisionNoticeRead"] = new(Government, "notices addressed to the caller's unit"),
        ["GetAssessmentReportHtml"] = new(Government, "staff all; a unit published schemes and its own row"),
        ["GetAssessmentReportPdf"] = new(Government, "staff all; a unit published schemes and its own row"),
        ["ListAssessments"] = new(Government, "staff all; a unit published ones"),
        ["CreateAssessment"] = new(Staff, "all plans"),
        ["GetAssessment"] = new(Government, "staff all; a unit published schemes and its own row"),
        ["ScoreAssessment"] = new(Staff, "all schemes"),
        ["SetAssessmentScore"] = new(Staff, "all schemes"),
        ["PublishAssessment"] = new(Staff, "all schemes"),
        ["ExportAssessment"] = new(Staff, "all schemes"),
        // protection, public
        ["SubmitComplaint"] = new(Anyone, "none; rate-limited per IP; linked to an enterprise only when its own user files it"),
        ["GetComplaintStatus"] = new(Anyone, "the complaint of the receipt number and query code; personal data masked"),
        ["RateComplaint"] = new(Anyone, "the complaint of the receipt number and query code"),
        ["ListPublicDisclosures"] = new(Anyone, "published disclosures, masked"),
        ["GetPublicDisclosure"] = new(Anyone, "published disclosures, masked"),
        ["ListPublicCreditListings"] = new(Anyone, "published listings"),
        // protection, cases
        ["ListProtectionCases"] = new(SignedIn, "staff all; district its region or assigned; department assigned, referred or confirmation; enterprise its own; expert investigated"),
        ["RegisterProtectionCase"] = new(Government, "district: its own region"),
        ["CountProtectionCases"] = new(SignedIn, "as ListProtectionCases"),
        ["GetProtectionCase"] = new(SignedIn, "as ListProtectionCases (404 otherwise); personal data by role (ADR 0212)"),
        ["TransitionProtectionCase"] = new(SignedIn, "visible cases; only staff and districts act (403 for others)"),
        ["ExtendProtectionCase"] = new(SignedIn, "visible cases; only staff and districts act"),
        ["AssignProtectionCase"] = new(Staff, "all cases"),
        ["UploadProtectionCaseFile"] = new(SignedIn, "visible cases"),
        ["DownloadProtectionCaseFile"] = new(SignedIn, "visible cases; parties and readers: shared files and their own uploads"),
        ["SetProtectionCaseFileVisibility"] = new(SignedIn, "visible cases; only handlers"),
        ["AddMediation"] = new(SignedIn, "visible cases; only handlers"),
        ["ApplyJudicialConfirmation"] = new(SignedIn, "visible cases; handlers"),
        ["RecordConfirmationRuling"] = new(SignedIn, "visible cases; the court named or the bureau"),
        ["ListCaseExperts"] = new(SignedIn, "visible cases; only handlers"),
        ["AddInvestigator"] = new(SignedIn, "visible cases; only handlers"),
        ["ListReferrals"] = new(Government, "staff all; a unit the referrals to it"),
        ["ReplyReferral"] = new(Government, "referrals to the caller's unit"),
        // protection, staff
        ["ListDisclosures"] = new(Staff, "all disclosures"),
        ["PreviewDisclosure"] = new(Staff, "all cases"),
        ["CreateDisclosure"] = new(Staff, "all cases"),
        ["PublishDisclosure"] = new(Staff, "all disclosures"),
        ["WithdrawDisclosure"] = new(Staff, "all disclosures"),
        ["ListCreditListings"] = new(Staff, "all listings"),
        ["CreateCreditListing"] = new(Staff, "all listings"),
        ["PublishCreditListing"] = new(Staff, "all listings"),
        ["ReviewCreditRepair"] = new(Staff, "all listings"),
        ["RunDeadlineCheck"] = new(Staff, "all cases"),
        ["ExpireCreditListings"] = new(Staff, "all listings"),
        ["GetProtectionSettings"] = new(Staff, "settings"),
        ["UpdateProtectionSettings"] = new(Staff, "settings"),
        ["AddProtectionListEntry"] = new(Staff, "all entries"),
        ["UpdateProtectionListEntry"] = new(Staff, "all entries"),
        ["ListMyCreditListings"] = new(SignedIn, "the caller's own organisation (enterprise)"),
        ["RequestCreditRepair"] = new(SignedIn, "the caller's own listing, or staff"),
        ["ListProtectionList"] = new(Government, "all entries"),
        ["GetProtectionStats"] = new(Government, "district: its own region"),
        ["ListWorkdayCalendar"] = new(SignedIn, "reference data"),
        ["AddWorkingDays"] = new(SignedIn, "reference data"),
        ["SetCalendarDay"] = new(Admin, "reference data"),
        ["DeleteCalendarDay"] = new(Admin, "reference data"),
        // registries: pilot units, GI, plant varieties, 非遗 (ADR 0028: staff keep them, a district reads its region's rows)
        ["ListRegistryUnitOptions"] = new("admin,bureau,district", "controlled lists"),
        ["ListPilotUnits"] = new("admin,bureau,district", "district: units in its region"),
        ["ExportPilotUnits"] = new("admin,bureau,district", "district: units in its region"),
        ["GetPilotUnit"] = new("admin,bureau,district", "district: units in its region (404 otherwise)"),
        ["CreatePilotUnit"] = new(Staff, "all units"),
        ["UpdatePilotUnit"] = new(Staff, "all units"),
        ["DeletePilotUnit"] = new(Staff, "all units"),
        ["AddPilotEvaluation"] = new(Staff, "all units"),
        ["DeletePilotEvaluation"] = new(Staff, "all units"),
        ["ImportPilotUnits"] = new(Staff, "all units"),
        ["ListGeoIndications"] = new("admin,bureau,district", "district: GIs whose protected area lies (partly) in its region"),
        ["ExportGeoIndications"] = new("admin,bureau,district", "district: GIs whose protected area lies (partly) in its region"),
        ["GetGeoIndication"] = new("admin,bureau,district", "district: GIs whose protected area lies (partly) in its region (404 otherwise)"),
        ["CreateGeoIndication"] = new(Staff, "all GIs"),
        ["UpdateGeoIndication"] = new(Staff, "all GIs"),
        ["DeleteGeoIndication"] = new(Staff, "all GIs"),
        ["AddGeoIndicationUser"] = new(Staff, "all GIs"),
        ["DeleteGeoIndicationUser"] = new(Staff, "all GIs"),
        ["ImportGeoIndications"] = new(Staff, "all GIs"),
        ["ListPlantVarieties"] = new("admin,bureau,district", "district: holders in its region"),
        ["GetPlantVariety"] = new("admin,bureau,district", "district: holders in its region (404 otherwise)"),
        ["CreatePlantVariety"] = new(Staff, "all varieties"),
        ["UpdatePlantVariety"] = new(Staff, "all varieties"),
        ["DeletePlantVariety"] = new(Staff, "all varieties"),
        ["ListHeritageItems"] = new("admin,bureau,district", "district: items in its region"),
        ["GetHeritageItem"] = new("admin,bureau,district", "district: items in its region (404 otherwise); inheritors' phone and ID number masked for non-staff"),
        ["CreateHeritageItem"] = new(Staff, "all items"),
        ["UpdateHeritageItem"] = new(Staff, "all items"),
        ["DeleteHeritageItem"] = new(Staff, "all items"),
        ["UploadRegistryUnitFile"] = new(Staff, "all rows of the four registers"),
        ["DownloadRegistryUnitFile"] = new("admin,bureau,district", "district: files of rows in its region (404 otherwise)"),
        ["DeleteRegistryUnitFile"] = new(Staff, "all files of the four registers"),
        // registries · service agencies (issue 21 part 2)
        ["ListPublicAgencies"] = new(Anyone, "active agencies, business contacts only (no personal data); rate-limited"),
        ["ListPublicInspectionDraws"] = new(Anyone, "published draws only"),
        ["GetPublicInspectionDraw"] = new(Anyone, "published draws only (404 otherwise); inspectors' names masked, published results only"),
        ["VerifyInspectionDraw"] = new(Anyone, "published draws only (404 otherwise)"),
        ["RerunInspectionDraw"] = new(Anyone, "none: computes on the caller's inputs, stores nothing"),
        ["GetMyAgency"] = new("agency", "the agency row of the caller's org unit (404 when it has none)"),
        ["RequestAgencyChange"] = new("agency", "the agency row of the caller's org unit"),
        ["SubmitAnnualReport"] = new("agency", "the agency row of the caller's org unit"),
        ["FileGradeObjection"] = new("agency", "published gradings of the caller's own agency (404 otherwise)"),
        ["ListAgencies"] = new(Staff, "all agencies; contact person masked"),
        ["CreateAgency"] = new(Staff, "all agencies"),
        ["GetAgency"] = new(Staff, "all agencies"),
        ["UpdateAgency"] = new(Staff, "all agencies"),
        ["RecordAnnualReport"] = new(Staff, "all agencies"),
        ["AddAgencyEvent"] = new(Staff, "all agencies"),
        ["DeleteAgencyEvent"] = new(Staff, "all agencies"),
        ["ImportAgencies"] = new(Staff, "all agencies"),
        ["ExportAgencies"] = new(Staff, "all agencies; contact person masked"),
        ["ListAgencyChanges"] = new(Staff, "all change requests"),
        ["DecideAgencyChange"] = new(Staff, "all change requests"),
        ["GetAgencyGradingRules"] = new(Staff, "the rule table"),
        ["UpdateAgencyGradingRules"] = new(Staff, "the rule table"),
        ["ComputeAgencyGrades"] = new(Staff, "all agencies"),
        ["ListAgencyGrades"] = new(Staff, "all gradings"),
        ["PublishAgencyGrades"] = new(Staff, "all gradings"),
        ["ListGradeObjections"] = new(Staff, "all objections"),
        ["DecideGradeObjection"] = new(Staff, "all objections"),
        ["ListInspectionItems"] = new(Staff, "all items"),
        ["CreateInspectionItem"] = new(Staff, "all items"),
        ["UpdateInspectionItem"] = new(Staff, "all items"),
        ["ListInspectors"] = new(Staff, "all inspectors with their declared relations"),
        ["CreateInspector"] = new(Staff, "all inspectors"),
        ["UpdateInspector"] = new(Staff, "all inspectors"),
        ["AddInspectorRelation"] = new(Staff, "all inspectors"),
        ["RemoveInspectorRelation"] = new(Staff, "all inspectors"),
        ["GetInspectionRules"] = new(Staff, "the draw rules"),
        ["UpdateInspectionRules"] = new(Staff, "the draw rules"),
        ["ListInspectionDraws"] = new(Staff, "all draws"),
        ["DrawInspections"] = new(Staff, "all draws"),
        ["GetInspectionDraw"] = new(Staff, "all draws"),
        ["RedrawInspections"] = new(Staff, "all draws"),
        ["PublishInspectionDraw"] = new(Staff, "all draws"),
        ["RecordInspectionResult"] = new(Staff, "all draws"),
        ["PublishInspectionResults"] = new(Staff, "all draws"),
        // registries: innovation entities (ADR 0022, 0023)
        ["ListEntities"] = new(Government, "staff all; district its region; department 403"),
        ["ExportEntities"] = new(Government, "as ListEntities; contacts masked"),
        ["ImportEntities"] = new(Staff, "all entities"),
        ["CreateEntity"] = new(Staff, "all entities"),
        ["GetMyEntity"] = new(SignedIn, "enterprise: its own entity (the one linked to its org unit); others 403"),
        ["GetEntity"] = new(SignedIn, "staff all; district its region; enterprise its own (404 otherwise); others 403; contacts masked but for the enterprise itself"),
        ["UpdateEntity"] = new(Staff, "all entities"),
        ["SetCreditCodeException"] = new(Admin, "all entities"),
        ["AddEntityName"] = new(Staff, "all entities"),
        ["AddEntityLabel"] = new(Staff, "all entities"),
        ["UpdateEntityLabel"] = new(Staff, "all entities"),
        ["ListEntityContacts"] = new(SignedIn, "staff all (audited); enterprise its own; others 403"),
        ["AddEntityContact"] = new(Staff, "all entities"),
        ["UpdateEntityContact"] = new(Staff, "all entities"),
        ["DeleteEntityContact"] = new(Staff, "all entities"),
        ["MergeEntities"] = new(Staff, "all entities"),
        ["SplitEntity"] = new(Staff, "all entities"),
        ["ListEntityRecords"] = new(SignedIn, "as GetEntity"),
        ["ListEntityLegalEvents"] = new(SignedIn, "as GetEntity"),
        ["RequestEntityCorrection"] = new(SignedIn, "enterprise its own entity; staff any; others 403"),
        ["ListEntityCorrections"] = new(SignedIn, "staff all; enterprise its own; others 403"),
        ["ReviewEntityCorrection"] = new(Staff, "all requests"),
        ["SetEntityLink"] = new(Staff, "all records"),
        ["ResolveEntities"] = new(Staff, "all records"),
        ["GetEntityResolution"] = new(Staff, "all runs (no personal data)"),
        // registries: experts (ADR 0026)
        ["GetExpertVocabulary"] = new(SignedIn, "none: the controlled lists"),
        ["GetMyExpertProfile"] = new(SignedIn, "the caller's own expert row (expert accounts); others 404"),
        ["SaveMyExpertProfile"] = new(SignedIn, "the caller's own expert row; non-expert accounts 403"),
        ["DownloadExpertDocument"] = new(SignedIn, "staff all; an expert the documents of its own row; others 404"),
        ["ListExperts"] = new(Staff, "all experts; phones masked"),
        ["CreateExpert"] = new(Staff, "all experts"),
        ["GetExpert"] = new(Staff, "all experts; ID number, phone, e-mail masked"),
        ["UpdateExpert"] = new(Staff, "all experts"),
        ["GetExpertContacts"] = new(Staff, "all experts; each look audited"),
        ["UploadExpertDocument"] = new(Staff, "all experts"),
        ["DeleteExpertDocument"] = new(Staff, "all experts"),
        ["CheckExpertAvoidance"] = new(Staff, "all experts"),
        ["ListExpertAccounts"] = new(Staff, "the accounts with the role expert"),
        ["ImportExperts"] = new(Staff, "all experts"),
        ["ExportExperts"] = new(Staff, "all experts; personal data masked"),
        // programmes · review (ADR 0041, 0043)
        ["ListReviewCalls"] = new(Staff, "all calls"),
        ["ListExpertDraws"] = new(Staff, "all calls"),
        ["DrawExperts"] = new(Staff, "all calls"),
        ["GetExpertDraw"] = new(Staff, "all draws"),
        ["RedrawExperts"] = new(Staff, "all draws"),
        ["ReplacePanelMember"] = new(Staff, "all draws"),
        ["PublishExpertDraw"] = new(Staff, "all draws"),
        ["ExportExpertDraw"] = new(Staff, "all draws; phones and ID numbers masked; audited"),
        ["GetCallScores"] = new(Staff, "all calls"),
        ["FinishCallReview"] = new(Staff, "all calls"),
        ["AdjustApplicationScore"] = new(Staff, "all applications"),
        ["ListMyPanels"] = new(SignedIn, "the caller's own expert row's seats on valid draws; others an empty list"),
        ["AcceptPanelSeat"] = new(SignedIn, "the caller's own seats (404 otherwise)"),
        ["DeclinePanelSeat"] = new(SignedIn, "the caller's own seats (404 otherwise)"),
        ["GetReviewApplication"] = new(SignedIn, "applications of valid panels the caller sits on as an active member (404 otherwise); contact data masked"),
        ["SaveReviewScore"] = new(SignedIn, "applications of valid panels the caller sits on as an active member (404 otherwise)"),
        ["DeclareReviewConflict"] = new(SignedIn, "applications of valid panels the caller sits on as an active member (404 otherwise)"),
        ["GetPublicExpertDraw"] = new(Anyone, "published draws only (404 otherwise); experts' names masked"),
        ["VerifyExpertDraw"] = new(Anyone, "published draws only (404 otherwise)"),
        ["RerunExpertDraw"] = new(Anyone, "none: computes on the caller's inputs, stores nothing"),
        // transactions · filings (issue 22, ADR 0031, 0032)
        ["ListLicenceFilings"] = new("admin,bureau,district,enterprise,agency", "staff all; district its region; enterprise those it created or where its unit is a party; agency those it files as 代理机构"),
        ["GetLicenceFiling"] = new("admin,bureau,district,enterprise,agency", "as ListLicenceFilings; invisible rows 404"),
        ["ExportLicenceFilings"] = new("admin,bureau,district,enterprise,agency", "as ListLicenceFilings"),
        ["ImportLicenceFilings"] = new(Staff, "all filings"),
        ["CheckFilingRights"] = new("admin,bureau,enterprise,agency", "none: checks numbers against the public records"),
        ["SearchFilingParties"] = new("admin,bureau,enterprise,agency", "entities' names and credit codes (public facts), at most 20"),
        ["ListUnmatchedGazetteTransactions"] = new("admin,bureau,district", "gazette events of the records under the caller's region (admin all)"),
        ["CreateLicenceFiling"] = new("admin,bureau,enterprise,agency", "enterprise: its own unit must be a party; agency: named as 代理机构"),
        ["UpdateLicenceFiling"] = new("admin,bureau,enterprise,agency", "as ListLicenceFilings; invisible rows 404"),
        ["SubmitLicenceFiling"] = new("admin,bureau,enterprise,agency", "as ListLicenceFilings; invisible rows 404"),
        ["AcceptLicenceFiling"] = new(Staff, "all filings"),
        ["DecideLicenceFiling"] = new(Staff, "all filings"),
        ["ChangeLicenceFiling"] = new("admin,bureau,enterprise,agency", "as ListLicenceFilings; invisible rows 404"),
        ["CancelLicenceFiling"] = new("admin,bureau,enterprise,agency", "as ListLicenceFilings; invisible rows 404"),
        ["ListPublicOpenLicences"] = new(Anyone, "published open licences only; rate-limited"),
        ["ListOpenLicences"] = new(SignedIn, "published ones, plus the caller's own unit's in any state (staff all)"),
        ["DeclareOpenLicence"] = new("enterprise", "patents whose holder is the caller's own unit"),
        ["PublishOpenLicence"] = new("enterprise", "the caller's own unit's declarations; others 404"),
        ["WithdrawOpenLicence"] = new("enterprise", "the caller's own unit's declarations; others 404"),
        ["TakeOpenLicence"] = new("enterprise", "published declarations of other holders"),
        // registries: talent and training (ADR 0027)
        ["ListTalents"] = new(Staff, "all talent entries"),
        ["CreateTalent"] = new(Staff, "all talent entries"),
        ["UpdateTalent"] = new(Staff, "all talent entries"),
        ["DeleteTalent"] = new(Staff, "all talent entries"),
        ["GetTalentCounts"] = new(Staff, "all talent entries"),
        ["ImportTalents"] = new(Staff, "all talent entries"),
        ["ExportTalents"] = new(Staff, "all talent entries; names and certificate numbers masked"),
        ["ListTrainingEvents"] = new(SignedIn, "staff all; others the events not cancelled and those they registered for"),
        ["GetTrainingEvent"] = new(SignedIn, "as ListTrainingEvents"),
        ["RegisterForTraining"] = new(SignedIn, "the caller's own registration; enterprise, agency, expert only (others 403)"),
        ["CancelMyTrainingRegistration"] = new(SignedIn, "the caller's own registration"),
        ["CheckInToTraining"] = new(SignedIn, "the caller's own registration, with a valid token"),
        ["ListMyTrainingRegistrations"] = new(SignedIn, "the caller's own registrations"),
        ["DownloadTrainingCertificate"] = new(SignedIn, "staff all; a participant its own; others 404"),
        ["CreateTrainingEvent"] = new(Staff, "all events"),
        ["UpdateTrainingEvent"] = new(Staff, "all events"),
        ["ListTrainingRegistrations"] = new(Staff, "all participants; phones masked"),
        ["AddTrainingRegistrations"] = new(Staff, "all events"),
        ["DeleteTrainingRegistration"] = new(Staff, "all events"),
        ["RecordTrainingAttendance"] = new(Staff, "all events"),
        ["ImportTrainingAttendance"] = new(Staff, "all events"),
        ["CreateTrainingCheckInCode"] = new(Staff, "all events"),
        ["IssueTrainingCertificates"] = new(Staff, "all events"),
        // transactions: pledges, valuations, the risk-compensation pool (ADR 0033, 0034); roles outside a row filter get the handler's 403
        ["ListPledges"] = new(SignedIn, "bureau all; district its region; enterprise its own entity's; bank its own unit's; others 403"),
        ["GetPledge"] = new(SignedIn, "as ListPledges; invisible 404"),
        ["CreatePledge"] = new(SignedIn, "enterprise for its own entity; bureau for any; others 403"),
        ["TransitionPledge"] = new(SignedIn, "the pledgee bank only; others 403 (invisible 404)"),
        ["GetPledgeOptions"] = new(SignedIn, "bank units, agencies, the caller's own entity or agency; entity search for bureau and agencies; department and expert 403"),
        ["ExportPledges"] = new(SignedIn, "as ListPledges"),
        ["ImportPledges"] = new(Staff, "all pledges"),
        ["ListUnmatchedPledgeEvents"] = new(Staff, "all gazette pledge events"),
        ["ListValuations"] = new(SignedIn, "bureau all; district its region's clients; agency its own; enterprise its own; bank those its pledges use; others 403"),
        ["GetValuation"] = new(SignedIn, "as ListValuations; invisible 404"),
        ["CreateValuation"] = new(SignedIn, "agency as its own agency; bureau for any; others 403"),
        ["UploadValuationReport"] = new(SignedIn, "agency its own valuations; bureau all; others 403 or 404"),
        ["DownloadValuationReport"] = new(SignedIn, "as ListValuations"),
        ["GetPledgePool"] = new(SignedIn, "rules, members, balance to bureau, district, bank, enterprise; claims: bank its own, enterprise its own, district its region"),
        ["SavePledgePool"] = new(Staff, "all pools"),
        ["AddPoolContribution"] = new(Staff, "all pools"),
        ["AddPoolMember"] = new(Staff, "all pools"),
        ["PreviewPledgeClaim"] = new(SignedIn, "the pledgee bank of a visible pledge; others 403 or 404"),
        ["CreatePledgeClaim"] = new(SignedIn, "the pledgee bank of a visible pledge; others 403 or 404"),
        ["ReviewPledgeClaim"] = new(Staff, "all claims"),
        ["AddClaimPayout"] = new(Staff, "all claims"),
        // transactions: market 供需对接 (ADR 0035)
        ["ListMarketListings"] = new(Anyone, "published listings to anyone (AllowAnonymous, rate-limited); mine: the caller's unit's own; other states: staff all, a district its region's, a unit its own"),
        ["GetMarketListing"] = new(Anyone, "published to anyone, otherwise the owner unit, staff or the district of its region (404 otherwise); contact masked unless owner, staff or a party of a 对接 on it"),
        ["CreateMarketListing"] = new("enterprise,agency", "the caller's own org unit"),
        ["UpdateMarketListing"] = new("enterprise,agency", "the caller's unit's own listings (403 for another unit's visible listing, 404 for an invisible one)"),
        ["SubmitMarketListing"] = new("enterprise,agency", "the caller's unit's own listings"),
        ["ReviewMarketListing"] = new(Staff, "all listings"),
        ["WithdrawMarketListing"] = new("enterprise,agency,admin,bureau", "the owner its own; staff any published listing"),
        ["GetListingMatches"] = new(SignedIn, "listings the caller may see (as GetMarketListing); published counterparts only, contacts masked as there"),
        ["StartMarketDeal"] = new("enterprise,agency", "published listings of other units"),
        ["ListMarketDeals"] = new(SignedIn, "the parties' units their own; a district those on listings of its region; staff all"),
        ["GetMarketDeal"] = new(SignedIn, "as ListMarketDeals (404 otherwise)"),
        ["AdvanceMarketDeal"] = new("enterprise,agency", "the two parties' units only (404 otherwise)"),
        ["GetMarketDealCounts"] = new(Government, "deals as ListMarketDeals: staff all, a district its region's, a department none"),
        // transactions: custody and the renewal calendar (ADR 0037, 0038)
        ["ListCustodyContracts"] = new("admin,bureau,district,enterprise,agency", "enterprise its own entities' contracts, agency its own, district its region, staff all"),
        ["CreateCustodyContract"] = new("enterprise,agency", "the caller's own entity (enterprise) or agency as one party"),
        ["GetCustodyContract"] = new("admin,bureau,district,enterprise,agency", "as ListCustodyContracts; invisible 404"),
        ["TransitionCustodyContract"] = new("enterprise,agency", "as ListCustodyContracts; only the contract's parties per the transition table (403 otherwise)"),
        ["AddCustodyRights"] = new("enterprise,agency", "the contract's parties"),
        ["RemoveCustodyRight"] = new("enterprise,agency", "the contract's parties"),
        ["ListCustodyParties"] = new("enterprise,agency", "active agencies (enterprise) or entities with a platform account (agency), names only"),
        ["CheckCustodyRights"] = new("admin,bureau,district,enterprise,agency", "records are public; holders compared with the caller's own entity"),
        ["ListCustodyWatches"] = new("admin,bureau,district,enterprise,agency", "the caller's own org unit's watches; staff all"),
        ["AddCustodyWatch"] = new("enterprise,agency", "the caller's own org unit"),
        ["RemoveCustodyWatch"] = new("enterprise,agency", "the caller's own org unit's watches (404 otherwise)"),
        ["GetRenewalCalendar"] = new("admin,bureau,district,enterprise,agency", "rights of the caller's live contracts (as ListCustodyContracts) and its unit's watches"),
        ["ExportRenewalCalendar"] = new("admin,bureau,district,enterprise,agency", "as GetRenewalCalendar"),
        ["ExportRenewalCalendarIcs"] = new("admin,bureau,district,enterprise,agency", "as GetRenewalCalendar"),
        ["GetRenewalSchedule"] = new("admin,bureau,district,enterprise,agency", "one right computed from the public records and its payments"),
        ["MarkRenewalPaid"] = new("enterprise,agency", "rights on the caller's calendar (404 otherwise)"),
        ["RunCustodyCheck"] = new(Staff, "all tracked rights"),
        // programmes · calls: types, calls, applications, 补正, recommendation, formal check (issue 23, ADR 0040)
        ["ListProgrammes"] = new(Anyone, "anonymous and applicants: active types and announced calls; staff: all with application counts"),
        ["GetProgramme"] = new(Anyone, "active types (inactive: staff only, 404 otherwise)"),
        ["GetProgrammeCall"] = new(Anyone, "announced calls; staff all (404 otherwise)"),
        ["CreateProgrammeCall"] = new(Staff, "all calls"),
        ["UpdateProgrammeCall"] = new(Staff, "all calls"),
        ["OpenProgrammeCall"] = new(Staff, "all calls"),
        ["CloseProgrammeCall"] = new(Staff, "all calls"),
        ["ListProgrammeApplications"] = new("admin,bureau,district,enterprise,agency", "applicant: its own unit's; district: its region (no drafts); staff: all but drafts"),
        ["GetProgrammeApplication"] = new("admin,bureau,district,enterprise,agency", "as ListProgrammeApplications; invisible rows 404; contacts masked for the district"),
        ["CreateProgrammeApplication"] = new("enterprise,agency", "for the caller's own unit; the programme's applicant kind (403 otherwise)"),
        ["UpdateProgrammeApplication"] = new("enterprise,agency", "the caller's unit's applications (404 otherwise)"),
        ["CheckProgrammeEligibility"] = new("admin,bureau,district,enterprise,agency", "as ListProgrammeApplications"),
        ["SubmitApplication"] = new("enterprise,agency", "the caller's unit's applications (404 otherwise)"),
        ["ResubmitProgrammeApplication"] = new("enterprise,agency", "the caller's unit's applications (404 otherwise)"),
        ["WithdrawProgrammeApplication"] = new("enterprise,agency", "the caller's unit's applications (404 otherwise)"),
        ["RecommendProgrammeApplication"] = new("district", "applications of its region (404 otherwise)"),
        ["CheckProgrammeApplication"] = new(Staff, "all submitted applications"),
        ["UploadProgrammeApplicationFile"] = new("enterprise,agency", "the caller's unit's applications (404 otherwise)"),
        ["DownloadProgrammeApplicationFile"] = new("admin,bureau,district,enterprise,agency", "files of applications the caller sees (404 otherwise)"),
        ["DeleteProgrammeApplicationFile"] = new("enterprise,agency", "files of the caller's unit's applications (404 otherwise)"),
        // programmes · outcomes: 公示, objections, decisions, payments, totals (issue 23 §4, ADR 0044, 0045)
        ["ListPublicityNotices"] = new(Anyone, "published notices only; applicants' names (a natural person's masked), levels and amounts, no contacts; rate-limited"),
        ["RaiseObjection"] = new(Anyone, "published notices within their window (404/409 otherwise); rate-limited per IP"),
        ["ListOutcomeCalls"] = new(Staff, "all calls past the review"),
        ["GetCallOutcomes"] = new(Staff, "all calls"),
        ["PublishPublicity"] = new(Staff, "all calls"),
        ["ListObjections"] = new(Staff, "all objections, contacts in full (staff only)"),
        ["AnswerObjection"] = new(Staff, "all objections"),
        ["ProposeOutcome"] = new(Staff, "all applications"),
        ["DecideApplication"] = new(Staff, "all applications"),
        ["RecordPayment"] = new(Staff, "all applications"),
        ["UpdatePayment"] = new(Staff, "all payments"),
        ["GetProgrammeTotals"] = new(Staff, "all calls"),
        ["ExportProgrammeTotals"] = new(Staff, "all calls; audited"),
        // portal (issue 25 §1, ADR 0057–0059)
        ["GetPortalHome"] = new(Anyone, "public values only (computed or accepted indicator values, published content, open calls, published 公示); cached"),
        ["GetSiteSettings"] = new(Anyone, "the one settings row (public texts of the header and footer)"),
        ["GetPortalStatistics"] = new(Anyone, "public values only (computed or accepted) of the jurisdiction and its districts; rate-limited"),
        ["UpdateSiteSettings"] = new(Admin, "the one settings row; audited"),
        ["ListPortalContent"] = new(Staff, "all content, drafts included"),
        ["GetPortalContent"] = new(Staff, "all content, drafts included"),
        ["CreatePortalContent"] = new(Staff, "new content; audited"),
        ["UpdatePortalContent"] = new(Staff, "all content; audited"),
        ["PublishPortalContent"] = new(Staff, "all content; audited"),
        ["UnpublishPortalContent"] = new(Staff, "all content; audited"),
        ["DeletePortalContent"] = new(Staff, "drafts only (409 for published); audited"),
        ["ListPublishedContent"] = new(Anyone, "published content only; rate-limited"),
        ["GetPublishedContent"] = new(Anyone, "published content only (404 otherwise); rate-limited"),
        ["GetPublishedPage"] = new(Anyone, "published pages only (404 otherwise); rate-limited"),
        // portal · published reports (issue 25 §1, ADR 0060)
        ["ListPublicReports"] = new(Anyone, "public navigation versions of projects without an owner unit, public (published, locked) assessments; rate-limited"),
        ["DownloadPublicNavigationReport"] = new(Anyone, "public versions of projects without an owner unit (404 otherwise); rendered once; rate-limited"),
        ["GetPublicAssessmentReport"] = new(Anyone, "public assessments only (404 otherwise), every unit's row; rendered once; rate-limited"),
        ["SetNavigationVersionPublic"] = new(Staff, "all projects the staff see; 409 for an innovation entity's own project; audited"),
        ["SetAssessmentPublic"] = new(Staff, "all schemes; published ones only (409 otherwise); audited"),
        // open data API · the admin's keys (issue 25 §2, ADR 0055); the open endpoints themselves: OpenAccessPolicy
        ["ListApiKeys"] = new(Admin, "all keys; contacts masked, secrets never (only their hash is stored)"),
        ["CreateApiKey"] = new(Admin, "creates a key; the secret is answered once"),
        ["RevokeApiKey"] = new(Admin, "all keys"),
        ["GetApiKeyUsage"] = new(Admin, "all keys"),
    };
}

/// <summary>
/// The open data API's operations (document open-v1, issue 25 §2): each needs an API key holding one scope — anonymous and
/// a staff cookie without a key get 401, a key without the scope 403, a key with it passes. Row filter: public data only.
/// </summary>
public static class OpenAccessPolicy
{
    public static readonly IReadOnlyDictionary<string, string> Scopes = new Dictionary<string, string>
    {
        ["ListOpenRecords"] = "records.read",
        ["GetOpenRecord"] = "records.read",
        ["SyncOpenRecords"] = "records.sync",
        ["ListOpenIndicatorValues"] = "indicators.read",
        ["ListOpenPlanProgress"] = "plans.read",
        ["ListOpenDisclosures"] = "disclosures.read",
        ["ListOpenPublicity"] = "publicity.read",
        ["ListOpenAgencies"] = "agencies.read",
    };
}
