namespace Zhichan.Api.Features.Admin;

/// <summary>统一社会信用代码 (GB 32100-2015): 18 characters, check character over the first 17.</summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static bool IsValid(string code)
    {
        code = code.Trim().ToUpperInvariant();
        if (code.Length != 18) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(code[i]);
            if (v < 0) return false;
            sum += v * Weights[i];
        }
        var check = (31 - sum % 31) % 31;
        return Alphabet[check] == code[17];
    }
}
