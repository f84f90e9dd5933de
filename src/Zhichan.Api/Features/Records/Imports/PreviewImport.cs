using Zhichan.Api.Platform.Files;
using Microsoft.AspNetCore.Mvc;
using Zhichan.Api.Features.Records.Sources;
using Zhichan.Api.Features.Records.Sources.Tabular;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Records.Imports;

public sealed record ImportPreview(string[] Columns, string[][] Rows, string? Encoding, string Format, string? DetectedLayout,
    Dictionary<string, string> SuggestedMapping, TargetField[] TargetFields);

/// <summary>A table's columns and first rows, with the column mapping suggested for it, before it is imported.</summary>
public static class PreviewImport
{
    public static async Task<Ok<ImportPreview>> HandleAsync(IFormFile? file, [FromForm] string? encoding, CancellationToken ct)
    {
        if (file is null || file.Length == 0) throw new RequestValidationException("file", "请选择要预览的文件");
        await using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        ms.Position = 0;
        string[] header;
        IEnumerable<TabularRow> rows;
        string? enc = null;
        string format;
        try
        {
            var s = TextDecoding.Decompress(ms);
            format = SourceFormat.Sniff(s, file.FileName);
            if (format is "xml" or "zip") return TypedResults.Ok(new ImportPreview([], [], null, format, null, [], TabularMapping.Targets));
            if (format == "xlsx") (header, rows) = TabularSource.ReadXlsx(s);
            else
            {
                var (e, name) = TextDecoding.Detect(s, encoding);
                enc = name;
                (header, rows) = TabularSource.ReadCsv(s, e);
            }
        }
        catch (JobFailedException e)
        {
            throw new RequestValidationException("file", e.Message);
        }
        var sample = rows.Take(10).Select(r => r.Cells).ToArray();
        var layout = TabularMapping.DetectBuiltIn(header);
        var suggested = layout is not null ? new Dictionary<string, string>(TabularMapping.BuiltIn[layout]) : TabularMapping.Suggest(header);
        return TypedResults.Ok(new ImportPreview(header, sample, enc, format, layout, suggested, TabularMapping.Targets));
    }
}
