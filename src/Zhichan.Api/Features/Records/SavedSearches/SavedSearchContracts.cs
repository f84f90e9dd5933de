using System.Text.Json;
using Zhichan.Api.Features.Records.Search;

namespace Zhichan.Api.Features.Records.SavedSearches;

/// <summary>The search page's filters besides the search box, as SearchRecords takes them (every one optional).</summary>
public sealed record SavedSearchFilters(string? Types = null, string? DateField = null, DateOnly? From = null, DateOnly? To = null, string? Ipc = null,
    string? Region = null, string? Industry = null, string? Applicant = null, string? Status = null, string? Sort = null);

/// <summary>A saved search as written: a name (unique among the user's), the search box and the filters.</summary>
public sealed record SavedSearchRequest(string? Name, string? Q, SavedSearchFilters? Filters);

public sealed record SavedSearchDto(long Id, string Name, string Q, SavedSearchFilters Filters, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The row filter (a user's own saved searches, nobody else's), the checks of a request, the answer's shape.</summary>
public static class SavedSearchRules
{
    /// <summary>The most searches one user keeps.</summary>
    public const int MaxPerUser = 100;

    public const int MaxNameLength = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The caller's saved searches: another user's are never visible, not even as a 403 (a 404 like an unknown id).</summary>
    public static IQueryable<SavedSearch> Mine(ZhichanDb db, CurrentUser me) => db.Set<SavedSearch>().Where(s => s.UserId == me.Id);

    public static SavedSearchDto Dto(SavedSearch s) =>
        new(s.Id, s.Name, s.Q, JsonSerializer.Deserialize<SavedSearchFilters>(s.Filters, Json) ?? new SavedSearchFilters(), s.CreatedAt, s.UpdatedAt);

    public static string FiltersJson(SavedSearchFilters? f) => JsonSerializer.Serialize(f ?? new SavedSearchFilters(), Json);

    /// <summary>
    /// A name (1–50 characters, unique among the user's searches) and a search that runs: the search box parses and every
    /// filter is valid — checked by building the search's filter exactly as SearchRecords does (its field errors come back
    /// under q, or under filters.&lt;name&gt;). Something to search for, a box or at least one filter.
    /// </summary>
    public static async Task<(string Name, string Q, SavedSearchFilters Filters)> ValidateAsync(SavedSearchRequest req, long? id, ZhichanDb db, CurrentUser me,
        NpgsqlDataSource data, CancellationToken ct)
    {
        var v = new Validation();
        var name = req.Name?.Trim() ?? "";
        v.Required("name", name, "检索名称").MaxLength("name", name, MaxNameLength, "检索名称").PlainText("name", name, "检索名称");
        var q = req.Q?.Trim() ?? "";
        v.PlainText("q", q, "检索式");
        var f = req.Filters ?? new SavedSearchFilters();
        if (q.Length == 0 && f == new SavedSearchFilters(Sort: f.Sort))
            v.Add("q", "保存的检索至少要有检索式或一个筛选条件");
        if (name.Length > 0 && await Mine(db, me).AnyAsync(s => s.Name == name && s.Id != id, ct)) v.Add("name", $"已有名为“{name}”的检索");
        v.ThrowIfInvalid();
        try
        {
            await RecordFilter.CreateAsync(new RecordFilterParams
            {
                Q = q, Types = f.Types, DateField = f.DateField, From = f.From, To = f.To, Ipc = f.Ipc, Region = f.Region, Industry = f.Industry,
                Applicant = f.Applicant, Status = f.Status,
            }, data, ct);
        }
        catch (RequestValidationException e)
        {
            var errors = e.Errors.ToDictionary(x => x.Key == "q" ? "q" : "filters." + x.Key, x => x.Value);
            var wrapped = new RequestValidationException(errors, e.Message);
            foreach (var (k, x) in e.Extensions) wrapped.Extensions[k] = x;
            throw wrapped;
        }
        if (f.Sort is { } sort && sort is not ("relevance" or "date_desc" or "date_asc"))
            throw new RequestValidationException("filters.sort", $"排序方式“{sort}”无效，应为 relevance、date_desc 或 date_asc");
        return (name, q, f);
    }
}
