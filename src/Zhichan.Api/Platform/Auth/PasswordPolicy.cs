using System.Reflection;

namespace Zhichan.Api.Platform.Auth;

/// <summary>
/// The password rule (ADR 0013, ASVS 2.1): at least 10 characters for government accounts and 8 for the others, letters and
/// digits, not the user name, and not one of the 10,000 most common passwords (the list of zxcvbn 4.4.2, MIT licence, drawn
/// from leaked-password corpora; compared ignoring case, also with trailing digits and symbols removed, so that
/// "Password1" and "qwerty2024!" are refused).
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8, GovernmentMinLength = 10, MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line) if (line.Length > 0) set.Add(line);
        return set;
    });

    /// <summary>Adds the rule's errors for <paramref name="password"/> to <paramref name="v"/> under <paramref name="field"/>.</summary>
    public static void Check(Validation v, string field, string? password, string? role, string? username)
    {
        if (string.IsNullOrEmpty(password)) { v.Add(field, "密码不能为空"); return; }
        var min = Roles.IsGovernment(role) ? GovernmentMinLength : MinLength;
        if (password.Length < min || password.Length > MaxLength)
            v.Add(field, $"密码长度应为 {min} 至 {MaxLength} 位{(min == GovernmentMinLength ? "（政府部门账户）" : "")}");
        else if (!password.Any(char.IsLetter) || !password.Any(char.IsDigit)) v.Add(field, "密码须同时包含字母和数字");
        else if (IsCommon(password)) v.Add(field, "该密码过于常见，容易被猜中，请换一个");
        else if (!string.IsNullOrWhiteSpace(username) && password.Contains(username.Trim(), StringComparison.OrdinalIgnoreCase))
            v.Add(field, "密码不能包含用户名");
    }

    /// <summary>Whether the password, or its stem without trailing digits and symbols, is a common password.</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        if (Common.Value.Contains(lower)) return true;
        var stem = lower.TrimEnd("0123456789!@#$%^&*()-_=+.,?~ ".ToCharArray());
        return stem.Length >= 4 && Common.Value.Contains(stem);
    }
}
