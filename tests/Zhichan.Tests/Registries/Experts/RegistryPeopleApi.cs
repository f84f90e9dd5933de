using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Tests.Registries.Experts;

/// <summary>Helpers of the expert, talent and training tests: valid ID numbers, XLSX sheets, JSON answers.</summary>
public static class RegistryPeopleApi
{
    /// <summary>A valid 18-digit ID number (GB 11643 check character) from 17 digits.</summary>
    public static string IdNumber(string first17)
    {
        int[] w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * w[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    public static MultipartFormDataContent Xlsx(IReadOnlyList<string> header, params string?[][] rows)
    {
        using var ms = new MemoryStream();
        XlsxSheet.Write(ms, header, rows);
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(ms.ToArray()), "file", "名单.xlsx");
        return form;
    }

    public static async Task<JsonElement> JsonAsync(this Task<HttpResponseMessage> call, HttpStatusCode expect = HttpStatusCode.OK)
    {
        var res = await call;
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expect, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient c, string url, object body) => c.PutAsJsonAsync(url, body);
}
