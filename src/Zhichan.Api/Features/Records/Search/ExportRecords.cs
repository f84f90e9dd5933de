using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Records.Sources.Tabular;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Records.Search;

/// <summary>
/// Streams a filtered result set as CSV (UTF-8 with BOM, opens in Excel; formula cells neutralised) or XLSX, in the order of
/// the chosen date: up to <see cref="MaxRows"/> rows for a signed-in user, <see cref="AnonymousMaxRows"/> for an anonymous
/// caller (who is also limited to a few exports an hour: the "export" rate limit, ADR 0014).
/// </summary>
public static class ExportRecords
{
    public const int MaxRows = 100_000, AnonymousMaxRows = 1_000;

    private static readonly string[] Header =
        ["申请号", "申请日", "公开（公告）号", "公开（公告）日", "授权公告号", "授权公告日", "类型", "名称", "第一申请人", "全部申请人", "地址", "省", "市", "县区", "主分类号", "IPC", "法律状态"];

    public static async Task HandleAsync(HttpContext http, [AsParameters] RecordFilterParams filter, string? format, int? limit, [FromKeyedServices(DataSources.Read)] NpgsqlDataSource db,
        RecordsReference reference, CurrentUser me, CancellationToken ct)
    {
        format ??= "csv";
        if (format is not ("csv" or "xlsx")) throw new RequestValidationException("format", "导出格式应为 csv 或 xlsx");
        var cap = me.IsAuthenticated ? MaxRows : AnonymousMaxRows;
        var max = Math.Clamp(limit ?? cap, 1, cap);
        var f = await RecordFilter.CreateAsync(filter, db, ct);
        var sql = $"""
            SELECT r.application_number, r.application_date, r.publication_number, r.publication_date, r.grant_number, r.grant_date, r.right_type, r.title,
                   r.first_applicant, array_to_string(r.applicants, '; '), r.address, r.province_code, r.city_code, r.county_code, r.ipc_main,
                   array_to_string(r.ipc, '; '), r.status
            FROM records r WHERE {f.Where} ORDER BY {f.DateColumn} DESC NULLS LAST, r.id DESC LIMIT {f.Param(max)}
            """;
        var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss");
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"records-{stamp}.{format}\"; filename*=UTF-8''{Uri.EscapeDataString($"检索结果-{stamp}.{format}")}";
        await using var cmd = f.Command(db, sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        IEnumerable<string?[]> Rows()
        {
            while (r.Read())
            {
                var row = new string?[17];
                for (var i = 0; i < 17; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i) is DateOnly d ? d.ToString("yyyy-MM-dd") : r.GetValue(i).ToString();
                row[6] = RightTypes.Names.GetValueOrDefault(row[6]!, row[6]!);
                for (var i = 11; i <= 13; i++) row[i] = row[i] is null ? null : reference.Gazetteer?.Find(row[i])?.Name ?? row[i];
                row[16] = row[16] is null ? null : RecordStatus.Names.GetValueOrDefault(row[16]!, row[16]!);
                yield return row;
            }
        }
        if (format == "csv")
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            await using var w = new StreamWriter(http.Response.Body, CsvText.Encoding, 1 << 16);
            await w.WriteAsync(CsvText.Line(Header));
            foreach (var row in Rows()) await w.WriteAsync(CsvText.Line(row));
        }
        else
        {
            http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            var tmp = Path.GetTempFileName();
            try
            {
                await using (var fs = File.Create(tmp)) TabularSource.WriteXlsx(fs, Header, Rows());
                await using var read = File.OpenRead(tmp);
                await read.CopyToAsync(http.Response.Body, ct);
            }
            finally
            {
                File.Delete(tmp);
            }
        }
    }
}
