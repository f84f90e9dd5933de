using System.Text.Json.Nodes;
using Zhichan.Api.Features.Transactions.Rights;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Programmes;

/// <summary>
/// Checks an application's form against the definition's fields: on save only what is filled (types, options, bounds, lengths);
/// on submit also what is required, the attachments of required kinds and every declaration. Patent fields are looked up in the
/// records (a number the data centre does not know is refused here; who holds it is an eligibility rule).
/// </summary>
public static class FormRules
{
    public const int MaxText = 200, MaxTextarea = 8000, MaxPatents = 50;

    /// <summary>The values of a patents field: a JSON array of numbers, or a text with one number a line (or separated by commas).</summary>
    public static List<string> Patents(JsonNode? value) => value switch
    {
        JsonArray a => a.Select(x => x?.ToString().Trim() ?? "").Where(x => x.Length > 0).ToList(),
        JsonValue s when s.TryGetValue<string>(out var text) => text.Split(['\n', ',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
        _ => [],
    };

    private static bool IsEmpty(JsonNode? n) => n is null || n is JsonValue v && v.TryGetValue<string>(out var s) && string.IsNullOrWhiteSpace(s) || n is JsonArray { Count: 0 };

    public static async Task ValidateAsync(ProgrammeDefinition d, JsonObject form, string[] declarations, bool complete, IReadOnlyCollection<string> fileKinds,
        NpgsqlDataSource data, CancellationToken ct)
    {
        var v = new Validation();
        var known = d.Fields.Select(f => f.Key).ToHashSet();
        foreach (var key in form.Select(p => p.Key).Where(k => !known.Contains(k))) v.Add($"form.{key}", $"表单中没有字段“{key}”");
        foreach (var f in d.Fields)
        {
            var field = $"form.{f.Key}";
            var value = form[f.Key];
            if (IsEmpty(value))
            {
                if (complete && f.Required) v.Add(field, $"请填写{f.Label}");
                continue;
            }
            switch (f.Type)
            {
                case "text" or "textarea":
                    if (value is not JsonValue tv || !tv.TryGetValue<string>(out var text)) { v.Add(field, $"{f.Label}应为文字"); break; }
                    v.MaxLength(field, text, f.MaxLength ?? (f.Type == "text" ? MaxText : MaxTextarea), f.Label);
                    break;
                case "number" or "money":
                    if (value is not JsonValue nv || !nv.TryGetValue<decimal>(out var n)) { v.Add(field, $"{f.Label}应为数字"); break; }
                    if (f.Type == "number" && n != decimal.Truncate(n)) v.Add(field, $"{f.Label}应为整数");
                    if (f.Min is { } min && n < min) v.Add(field, $"{f.Label}不能小于 {min}");
                    if (f.Max is { } max && n > max) v.Add(field, $"{f.Label}不能大于 {max}");
                    break;
                case "date":
                    if (value is not JsonValue dv || !dv.TryGetValue<string>(out var ds) || !DateOnly.TryParseExact(ds, "yyyy-MM-dd", out _)) v.Add(field, $"{f.Label}应为日期（年-月-日）");
                    break;
                case "boolean":
                    if (value is not JsonValue bv || !bv.TryGetValue<bool>(out _)) v.Add(field, $"{f.Label}应为是或否");
                    break;
                case "select":
                    if (value is not JsonValue sv || !sv.TryGetValue<string>(out var choice) || f.Options?.Contains(choice) != true) v.Add(field, $"{f.Label}应为给定选项之一");
                    break;
                case "multiselect":
                    if (value is not JsonArray arr || arr.Any(x => x is not JsonValue xv || !xv.TryGetValue<string>(out var o) || f.Options?.Contains(o) != true))
                        v.Add(field, $"{f.Label}应为给定选项");
                    break;
                case "patents":
                    var numbers = Patents(value);
                    if (numbers.Count > MaxPatents) { v.Add(field, $"{f.Label}最多填写 {MaxPatents} 件"); break; }
                    var refs = await RightReferences.ResolveAsync(numbers.Select(x => (RightKinds.Patent, x)).ToList(), data, ct);
                    foreach (var r in refs.Where(r => !r.IsValid)) v.Add(field, r.Error!);
                    foreach (var dup in refs.Where(r => r.IsValid).GroupBy(r => r.Number).Where(g => g.Count() > 1)) v.Add(field, $"专利“{dup.Key}”重复填写");
                    break;
            }
        }
        foreach (var k in declarations.Where(k => d.Declarations.All(x => x.Key != k))) v.Add("declarations", $"没有承诺事项“{k}”");
        if (complete)
        {
            foreach (var a in d.Attachments.Where(a => a.Required && !fileKinds.Contains(a.Kind))) v.Add($"files.{a.Kind}", $"请上传{a.Label}");
            foreach (var x in d.Declarations.Where(x => !declarations.Contains(x.Key))) v.Add($"declarations.{x.Key}", $"请阅读并确认：{x.Text}");
        }
        v.ThrowIfInvalid();
    }

    /// <summary>The form with personal values masked (contact names, phones): for viewers who do not need them (the district).</summary>
    public static JsonObject Masked(ProgrammeDefinition d, JsonObject form)
    {
        var copy = (JsonObject)form.DeepClone();
        foreach (var f in d.Fields.Where(f => f.Personal))
            if (copy[f.Key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0)
                copy[f.Key] = s.Any(char.IsAsciiDigit) ? Masking.MaskPhone(s) : Masking.MaskName(s);
        return copy;
    }
}
