using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Programmes.Outcomes;

/// <summary>
/// Arranges what the CALLS and REVIEW parts produce, straight in the database: a programme type, a call and applications in state
/// 评审完成 (reviewed) with score and rank. The applicants are real 连云港 enterprises of the records; 江苏恒瑞医药股份有限公司 is the
/// demo account hengrui's unit (region 320771) and gets an entity so an approval can label it. Calls are marked 示例 in their title
/// only where the demo needs them; test calls are plain.
/// </summary>
public static class ProgrammeTestData
{
    public const string Hengrui = "江苏恒瑞医药股份有限公司";

    /// <summary>A recognition: 连云港市知识产权示范企业 (label ip_demo, 3 years), quota 2, no funding.</summary>
    public static readonly object Recognition = new
    {
        summary = "测试用认定类项目", publicityWorkingDays = 5, validityYears = 3, entityLabel = "ip_demo", indicator = "demo_enterprises",
        levels = new[] { new { key = "demo", label = "知识产权示范企业", quota = (int?)2, amount = (decimal?)null } },
    };

    /// <summary>A subsidy with two levels (一档 ≤ 1 × 10 万元, 二档 ≤ 5 × 5 万元) and a cap of 10 万元.</summary>
    public static readonly object Subsidy = new
    {
        summary = "测试用资助类项目", publicityWorkingDays = 5, maxAmount = 100000m,
        levels = new[]
        {
            new { key = "first", label = "一档资助", quota = (int?)1, amount = (decimal?)100000m },
            new { key = "second", label = "二档资助", quota = (int?)5, amount = (decimal?)50000m },
        },
    };

    /// <summary>An award feeding 专利奖数.</summary>
    public static readonly object Award = new
    {
        summary = "测试用专利奖", publicityWorkingDays = 5, indicator = "patent_awards",
        levels = new[] { new { key = "gold", label = "金奖", quota = (int?)1, amount = (decimal?)100000m } },
    };

    public static async Task<long> TypeAsync(ZhichanFactory app, string code, string name, string category, object definition, string applicant = "enterprise") =>
        await app.ScalarAsync<long>("INSERT INTO programme_types (code, name, category, applicant, definition) VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING id",
            code, name, category, applicant, JsonSerializer.Serialize(definition));

    public static async Task<long> CallAsync(ZhichanFactory app, long typeId, string title, decimal? budget = null, string quotas = "{}", int? year = null)
    {
        var y = year ?? DateTime.UtcNow.Year;
        return await app.ScalarAsync<long>("""
            INSERT INTO programme_calls (type_id, year, title, status, region_code, budget, quotas, apply_from, apply_to)
            VALUES ($1, $2, $3, 'closed', '320700', $4, $5::jsonb, make_date($2, 3, 1), make_date($2, 4, 30)) RETURNING id
            """, typeId, y, title, budget.HasValue ? budget.Value : DBNull.Value, quotas);
    }

    /// <summary>The entity of 恒瑞 owned by the hengrui account's unit (created once per database).</summary>
    public static async Task<(long EntityId, long OrgUnitId)> HengruiAsync(ZhichanFactory app)
    {
        var org = await app.ScalarAsync<long>("SELECT id FROM org_units WHERE name = $1", Hengrui);
        var entity = await app.ScalarAsync<long?>("SELECT id FROM entities WHERE name = $1", Hengrui)
            ?? await app.ScalarAsync<long>("INSERT INTO entities (match_key, name, kind, region_code, org_unit_id) VALUES ($1, $1, 'enterprise', '320771', $2) RETURNING id", Hengrui, org);
        return (entity, org);
    }

    /// <summary>An application in state <paramref name="state"/> (reviewed by default) with the panel's score and rank, as REVIEW leaves it.</summary>
    public static async Task<long> ApplicationInStateAsync(ZhichanFactory app, long callId, string applicant, string region, decimal score, int rank,
        string state = "reviewed", long? entityId = null, long? orgUnitId = null) =>
        await app.ScalarAsync<long>("""
            INSERT INTO programme_applications (call_id, entity_id, org_unit_id, applicant_name, region_code, status, submitted_at, score, rank)
            VALUES ($1, $2, $3, $4, $5, $6, now() - interval '60 days', $7, $8) RETURNING id
            """, callId, entityId.HasValue ? entityId.Value : DBNull.Value, orgUnitId.HasValue ? orgUnitId.Value : DBNull.Value, applicant, region, state, score, rank);

    /// <summary>Moves a published call's window into the past (ended yesterday): decisions are then allowed, objections refused.</summary>
    public static Task EndWindowAsync(ZhichanFactory app, long callId) =>
        app.ExecuteAsync("UPDATE programme_calls SET publicity_from = current_date - 10, publicity_to = current_date - 1 WHERE id = $1", callId);
}
