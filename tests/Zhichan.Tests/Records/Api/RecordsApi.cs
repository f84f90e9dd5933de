using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace Zhichan.Tests.Records.Api;

/// <summary>Intent-revealing helpers for the records API: upload an import and wait for it, search, read a record.</summary>
public static class RecordsApi
{
    public static readonly TimeSpan ImportTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Posts the multipart form of CreateImport and returns the response (202 with {id} when accepted).</summary>
    public static Task<HttpResponseMessage> PostImportAsync(HttpClient client, byte[] bytes, string fileName, string? format = "auto",
        string? encoding = null, long? mappingId = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        if (format is not null) form.Add(new StringContent(format), "format");
        if (encoding is not null) form.Add(new StringContent(encoding), "encoding");
        if (mappingId is not null) form.Add(new StringContent(mappingId.Value.ToString(CultureInfo.InvariantCulture)), "mappingId");
        return client.PostAsync("/api/imports", form);
    }

    /// <summary>Uploads a file from the real data folder (relative path) and waits for the import to finish.</summary>
    public static Task<JsonElement> ImportAsync(HttpClient client, string relativePath, string? fileName = null, string format = "auto",
        string? encoding = null, long? mappingId = null) =>
        ImportAsync(client, File.ReadAllBytes(TestData.File(relativePath)), fileName ?? Path.GetFileName(relativePath), format, encoding, mappingId);

    /// <summary>Uploads the bytes and polls GetImport until the import finished (succeeded, completed_with_errors or failed); returns the final GetImport JSON.</summary>
    public static async Task<JsonElement> ImportAsync(HttpClient client, byte[] bytes, string fileName, string format = "auto",
        string? encoding = null, long? mappingId = null)
    {
        var res = await PostImportAsync(client, bytes, fileName, format, encoding, mappingId);
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(HttpStatusCode.Accepted, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
        return await WaitForImportAsync(client, id);
    }

    public static async Task<JsonElement> WaitForImportAsync(HttpClient client, long id)
    {
        var deadline = DateTime.UtcNow + ImportTimeout;
        while (true)
        {
            var imp = await client.GetFromJsonAsync<JsonElement>($"/api/imports/{id}");
            var status = imp.GetProperty("status").GetString();
            if (status is "succeeded" or "completed_with_errors" or "failed") return imp;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Import {id} still {status} after {ImportTimeout.TotalSeconds} s: {imp}");
            await Task.Delay(150);
        }
    }

    public static long Long(this JsonElement e, string name) => e.GetProperty(name).GetInt64();
    public static string? Str(this JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();

    public static async Task<JsonElement> SearchAsync(HttpClient client, string query)
    {
        var res = await client.GetAsync("/api/records?" + query);
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> GetRecordAsync(HttpClient client, long id)
    {
        var res = await client.GetAsync($"/api/records/{id}");
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>The id of the one record whose title is exactly <paramref name="title"/> (searched as a phrase).</summary>
    public static async Task<long> FindByTitleAsync(HttpClient client, string title)
    {
        var r = await SearchAsync(client, "q=" + Q("\"" + title + "\"") + "&facets=false&pageSize=100");
        var items = r.GetProperty("items").EnumerateArray().Where(i => i.Str("title") == title).ToList();
        items.Count.ShouldBe(1, $"one record titled {title}: {r}");
        return items[0].Long("id");
    }

    public static string Q(string s) => Uri.EscapeDataString(s);
}

/// <summary>
/// Rows of the real CNIPA 2017 file (patents/cn-invention-2017.csv.gz), read on demand, and small CSV/GZ files built from
/// them in memory (nothing is copied into the repository).
/// </summary>
public static class Cn2017
{
    public const string RelativePath = "patents/cn-invention-2017.csv.gz";

    private static readonly Lazy<(string[] Header, List<string[]> Rows)> Head = new(() => Read(20_000));

    public static string[] Header => Head.Value.Header;

    /// <summary>The first <paramref name="count"/> data rows (up to 20,000 cached).</summary>
    public static List<string[]> First(int count) => count <= 20_000 ? Head.Value.Rows.Take(count).ToList() : Read(count).Rows;

    /// <summary>Data rows by 0-based index in the whole file (streams the file once).</summary>
    public static List<string[]> At(params int[] indexes)
    {
        var wanted = indexes.ToHashSet();
        var found = new Dictionary<int, string[]>();
        using var csv = OpenFile();
        var i = 0;
        var max = indexes.Max();
        while (i <= max && csv.Read())
        {
            if (wanted.Contains(i)) found[i] = csv.Parser.Record!;
            i++;
        }
        return indexes.Select(x => found[x]).ToList();
    }

    /// <summary>Every data row of the file, streamed (one pass; the caller keeps what it needs).</summary>
    public static IEnumerable<string[]> All()
    {
        using var csv = OpenFile();
        while (csv.Read()) yield return csv.Parser.Record!;
    }

    /// <summary>The first <paramref name="count"/> applications with two rows in the file (an A publication and a B grant), in file order.</summary>
    public static List<(string[] First, string[] Second)> Pairs(int count)
    {
        using var csv = OpenFile();
        var col = Col("application_no");
        var seen = new Dictionary<string, string[]>();
        var pairs = new List<(string[], string[])>();
        while (pairs.Count < count && csv.Read())
        {
            var row = csv.Parser.Record!;
            var key = row[col].Replace(".", "").ToUpperInvariant();
            if (seen.TryGetValue(key, out var first)) pairs.Add((first, row));
            else seen[key] = row;
        }
        return pairs;
    }

    /// <summary>The file as a CSV reader positioned after the header (disposing it closes the file).</summary>
    private static CsvReader OpenFile()
    {
        var file = File.OpenRead(TestData.File(RelativePath));
        var csv = new CsvReader(new StreamReader(new GZipStream(file, CompressionMode.Decompress)), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        return csv;
    }

    private static (string[] Header, List<string[]> Rows) Read(int count)
    {
        using var csv = OpenFile();
        var rows = new List<string[]>(count);
        while (rows.Count < count && csv.Read()) rows.Add(csv.Parser.Record!);
        return (csv.HeaderRecord!, rows);
    }

    public static int Col(string name) => Array.IndexOf(Header, name);

    /// <summary>A CSV text (header + rows), fields quoted where needed.</summary>
    public static string Csv(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', header.Select(Quote))).Append("\r\n");
        foreach (var r in rows) sb.Append(string.Join(',', r.Select(Quote))).Append("\r\n");
        return sb.ToString();
    }

    public static byte[] Utf8Csv(IEnumerable<IReadOnlyList<string>> rows) => Encoding.UTF8.GetBytes(Csv(Header, rows));

    public static byte[] Gzip(byte[] bytes)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(bytes);
        return ms.ToArray();
    }

    public static string Quote(string v) => v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
}
