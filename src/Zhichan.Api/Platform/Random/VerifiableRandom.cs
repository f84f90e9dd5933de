using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Zhichan.Api.Platform.Random;

/// <summary>
/// The published random stream every verifiable draw of the platform uses (ADR 0025, ADR 0041), so that anyone can re-run a
/// draw from its seed in a few lines of any language: the n-th number (n = 0, 1, 2 …) is the first 8 bytes, read as an unsigned
/// big-endian integer, of SHA-256(seed bytes ‖ n as 8 bytes big-endian). A number below m is x mod m for the first x below
/// 2^64 − (2^64 mod m) (others are skipped), so every value is equally likely.
/// </summary>
public sealed class VerifiableRandom(byte[] seed)
{
    private ulong _n;
    private readonly byte[] _buffer = new byte[seed.Length + 8];

    /// <summary>A fresh seed: 32 bytes from the operating system's cryptographic generator, as lower-case hex.</summary>
    public static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The bytes of a hex seed, or a 400 naming the field: at least 16 bytes.</summary>
    public static byte[] ParseSeed(string? seed, string field = "seed")
    {
        byte[] bytes;
        try { bytes = Convert.FromHexString(seed ?? ""); }
        catch (FormatException) { throw new RequestValidationException(field, "随机种子应为十六进制字符串"); }
        if (bytes.Length < 16) throw new RequestValidationException(field, "随机种子至少 16 字节（32 个十六进制字符）");
        return bytes;
    }

    public ulong Next()
    {
        seed.CopyTo(_buffer, 0);
        BinaryPrimitives.WriteUInt64BigEndian(_buffer.AsSpan(seed.Length), _n++);
        return BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(_buffer));
    }

    /// <summary>A number below <paramref name="m"/> by rejection sampling (no modulo bias).</summary>
    public ulong Below(ulong m)
    {
        var limit = ulong.MaxValue - (ulong.MaxValue % m + 1) % m; // largest multiple of m, minus 1, within 2^64
        ulong x;
        do x = Next(); while (x > limit);
        return x % m;
    }
}
