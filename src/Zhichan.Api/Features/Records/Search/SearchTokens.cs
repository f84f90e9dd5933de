using System.Text;

namespace Zhichan.Api.Features.Records.Search;

/// <summary>
/// The CJK-aware tokenizer shared by indexing and querying. Text is folded (full-width → half-width, lower case); runs of
/// CJK characters become overlapping character bigrams (集成电路 → 集成 成电 电路; a lone character stays a unigram);
/// runs of Latin letters and digits become words. Tokens are emitted in order, so PostgreSQL's 'simple' configuration gives
/// them consecutive positions and a phrase is the bigram chain joined with the followed-by operator (&lt;-&gt;).
/// </summary>
public static class SearchTokens
{
    public static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF' or >= '\u3040' and <= '\u30FF' or >= '\uAC00' and <= '\uD7AF';

    /// <summary>Full-width ASCII → half-width, ideographic space → space, lower case.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        return string.Create(text.Length, text, static (dest, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                var c = src[i];
                if (c is >= '\uFF01' and <= '\uFF5E') c = (char)(c - 0xFEE0);
                else if (c == '\u3000') c = ' ';
                // ASCII and CJK directly: the general case goes through the globalisation tables, per character
                dest[i] = c < '\u0080' ? (c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c) : IsCjk(c) ? c : char.ToLowerInvariant(c);
            }
        });
    }

    /// <summary>Appends the tokens of <paramref name="text"/> to <paramref name="sb"/>, space-separated.</summary>
    public static void Append(StringBuilder sb, string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        var e = new TokenEnumerator(Fold(text));
        while (e.MoveNext())
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(e.Current);
        }
    }

    /// <summary>
    /// The tokens of a folded text in order, as slices of it (no string per token): CJK runs as bigrams (a lone
    /// character as itself), runs of ASCII letters and digits as words; everything else separates.
    /// </summary>
    public ref struct TokenEnumerator(string folded)
    {
        private int _i;
        private int _runEnd = -1; // inside a CJK run: the next bigram starts at _i, the run ends at _runEnd
        public ReadOnlySpan<char> Current { get; private set; }

        public bool MoveNext()
        {
            if (_runEnd >= 0)
            {
                if (_i < _runEnd - 1) { Current = folded.AsSpan(_i++, 2); return true; }
                _i = _runEnd;
                _runEnd = -1;
            }
            while (_i < folded.Length)
            {
                var c = folded[_i];
                if (IsCjk(c))
                {
                    var start = _i;
                    var end = _i;
                    while (end < folded.Length && IsCjk(folded[end])) end++;
                    if (end - start == 1) { Current = folded.AsSpan(start, 1); _i = end; return true; }
                    _runEnd = end;
                    Current = folded.AsSpan(start, 2);
                    _i = start + 1;
                    return true;
                }
                if (char.IsAsciiLetterOrDigit(c))
                {
                    var start = _i;
                    while (_i < folded.Length && char.IsAsciiLetterOrDigit(folded[_i])) _i++;
                    Current = folded.AsSpan(start, _i - start);
                    return true;
                }
                _i++;
            }
            return false;
        }
    }

    /// <summary>
    /// The tsvector literal ('tok':1A,7A 'tok2':2A …) of the fields in order, each with its weight (see <see cref="VectorBinary"/>).
    /// </summary>
    public static string Vector(params (string? Text, char Weight)[] fields)
    {
        var sb = new StringBuilder();
        var set = Lexemes(fields);
        foreach (var (key, word, start, count) in set.List)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append('\'');
            if (word is not null) sb.Append(word);
            else
            {
                sb.Append((char)(key >> 17));
                if ((key & 0x10000) != 0) sb.Append((char)(key & 0xFFFF));
            }
            sb.Append("':");
            for (var i = start; i < start + count; i++)
            {
                if (i > start) sb.Append(',');
                sb.Append(set.Positions[i] & 0x3FFF).Append((char)('D' - (set.Positions[i] >> 14)));
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// The same vector in PostgreSQL's binary tsvector format (what tsvector_recv reads: the lexeme count, then each
    /// lexeme as NUL-terminated UTF-8 with its count of positions and the positions, big-endian), written into COPY as
    /// is: one array a record instead of an object graph, and nothing for the server to sort.
    /// </summary>
    public static byte[] VectorBinary(params (string? Text, char Weight)[] fields) => VectorAndCodes(fields).Vector;

    /// <summary>
    /// The binary vector (<see cref="VectorBinary"/>) and the search codes of the same lexemes (<see cref="Code"/>, sorted,
    /// distinct): the integer keys of the search index (migration 0022).
    /// </summary>
    public static (byte[] Vector, int[] Codes) VectorAndCodes(params (string? Text, char Weight)[] fields)
    {
        var set = Lexemes(fields);
        var codes = new int[set.List.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            var (key, word, _, _) = set.List[i];
            codes[i] = word is not null ? WordCode(word) : (key & 0x10000) != 0 ? BigramCode((char)(key >> 17), (char)(key & 0xFFFF)) : UnigramCode((char)(key >> 17));
        }
        Array.Sort(codes);
        var n = codes.Length == 0 ? 0 : 1;
        for (var i = 1; i < codes.Length; i++) if (codes[i] != codes[n - 1]) codes[n++] = codes[i]; // two words with one hash
        if (n < codes.Length) Array.Resize(ref codes, n);
        return (Binary(set), codes);
    }

    private static byte[] Binary(LexemeSet set)
    {
        var size = 4;
        foreach (var (key, word, _, count) in set.List) size += (word is null ? (key & 0x10000) != 0 ? 6 : 3 : Encoding.UTF8.GetByteCount(word)) + 3 + 2 * count;
        var bytes = new byte[size];
        var span = bytes.AsSpan();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(span, set.List.Count);
        var at = 4;
        foreach (var (key, word, start, count) in set.List)
        {
            if (word is not null) at += Encoding.UTF8.GetBytes(word, span[at..]);
            else
            {
                at += Utf8(span[at..], (char)(key >> 17));
                if ((key & 0x10000) != 0) at += Utf8(span[at..], (char)(key & 0xFFFF));
            }
            span[at++] = 0;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)count);
            at += 2;
            for (var i = start; i < start + count; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(span[at..], set.Positions[i]);
                at += 2;
            }
        }
        return bytes;

        // every CJK character is in U+0800…U+FFFF: three bytes of UTF-8
        static int Utf8(Span<byte> to, char c)
        {
            to[0] = (byte)(0xE0 | c >> 12);
            to[1] = (byte)(0x80 | (c >> 6 & 0x3F));
            to[2] = (byte)(0x80 | (c & 0x3F));
            return 3;
        }
    }

    /// <summary>CJK characters the tokenizer knows (<see cref="IsCjk"/>), numbered densely in code-point order.</summary>
    public const int CjkCount = 39_472;

    /// <summary>The dense number of a CJK character (0 … <see cref="CjkCount"/> − 1); −1 for any other character.</summary>
    public static int CjkIndex(char c) => c switch
    {
        >= '\u3040' and <= '\u30FF' => c - 0x3040,
        >= '\u3400' and <= '\u4DBF' => c - 0x3400 + 192,
        >= '\u4E00' and <= '\u9FFF' => c - 0x4E00 + 6_784,
        >= '\uAC00' and <= '\uD7AF' => c - 0xAC00 + 27_776,
        >= '\uF900' and <= '\uFAFF' => c - 0xF900 + 38_960,
        _ => -1,
    };

    /// <summary>
    /// The search code of a token, the key of the search index (migration 0022; its SQL twin records_search_code reads
    /// the same number off a stored lexeme): a CJK bigram is its two characters' numbers (first × <see cref="CjkCount"/>
    /// + second, 0 … 1,558,038,783), a lone CJK character follows them (1,558,038,784 + its number) — both without
    /// collisions — and an ASCII word is PostgreSQL's hashtext of it with the sign bit set (negative).
    /// </summary>
    public static int Code(ReadOnlySpan<char> token) =>
        IsCjk(token[0]) ? token.Length == 2 ? BigramCode(token[0], token[1]) : UnigramCode(token[0]) : WordCode(token);

    private static int BigramCode(char first, char second) => CjkIndex(first) * CjkCount + CjkIndex(second);
    private static int UnigramCode(char c) => CjkCount * CjkCount + CjkIndex(c);

    private static int WordCode(ReadOnlySpan<char> word)
    {
        Span<byte> utf8 = word.Length <= 256 ? stackalloc byte[word.Length * 3] : new byte[Encoding.UTF8.GetMaxByteCount(word.Length)];
        var n = Encoding.UTF8.GetBytes(word, utf8);
        return (int)(HashBytes(utf8[..n]) | 0x8000_0000u);
    }

    /// <summary>
    /// The codes a lone CJK character matches as a prefix — every bigram it begins (first … last) and the character
    /// alone: the condition of a one-character query on the search index (with search_vocabulary, migration 0024).
    /// </summary>
    public static (int First, int Last, int Alone) PrefixRange(char c)
    {
        var first = CjkIndex(c) * CjkCount;
        return (first, first + CjkCount - 1, UnigramCode(c));
    }

    /// <summary>
    /// PostgreSQL's hash_bytes (src/common/hashfn.c, Bob Jenkins' lookup3, as on a little-endian machine), the hash of
    /// hashtext(): the search codes of ASCII words must be the numbers the server computes for the same lexemes.
    /// </summary>
    public static uint HashBytes(ReadOnlySpan<byte> k)
    {
        uint a, b, c;
        a = b = c = 0x9e3779b9u + (uint)k.Length + 3923095u;
        var i = 0;
        var len = k.Length;
        while (len >= 12)
        {
            a += U32(k, i); b += U32(k, i + 4); c += U32(k, i + 8);
            Mix(ref a, ref b, ref c);
            i += 12; len -= 12;
        }
        switch (len)
        {
            case 11: c += (uint)k[i + 10] << 24; goto case 10;
            case 10: c += (uint)k[i + 9] << 16; goto case 9;
            case 9: c += (uint)k[i + 8] << 8; goto case 8;
            case 8: b += (uint)k[i + 7] << 24; goto case 7;
            case 7: b += (uint)k[i + 6] << 16; goto case 6;
            case 6: b += (uint)k[i + 5] << 8; goto case 5;
            case 5: b += k[i + 4]; goto case 4;
            case 4: a += (uint)k[i + 3] << 24; goto case 3;
            case 3: a += (uint)k[i + 2] << 16; goto case 2;
            case 2: a += (uint)k[i + 1] << 8; goto case 1;
            case 1: a += k[i]; break;
        }
        c ^= b; c -= Rot(b, 14);
        a ^= c; a -= Rot(c, 11);
        b ^= a; b -= Rot(a, 25);
        c ^= b; c -= Rot(b, 16);
        a ^= c; a -= Rot(c, 4);
        b ^= a; b -= Rot(a, 14);
        c ^= b; c -= Rot(b, 24);
        return c;

        static uint U32(ReadOnlySpan<byte> s, int at) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(s[at..]);
        static uint Rot(uint x, int n) => System.Numerics.BitOperations.RotateLeft(x, n);
        static void Mix(ref uint a, ref uint b, ref uint c)
        {
            a -= c; a ^= Rot(c, 4); c += b;
            b -= a; b ^= Rot(a, 6); a += c;
            c -= b; c ^= Rot(b, 8); b += a;
            a -= c; a ^= Rot(c, 16); c += b;
            b -= a; b ^= Rot(a, 19); a += c;
            c -= b; c ^= Rot(b, 4); b += a;
        }
    }

    /// <summary>Longest lexeme PostgreSQL accepts in a tsvector (MAXSTRLEN − 1 bytes); longer runs (a sequence listing) are left out.</summary>
    private const int MaxLexemeBytes = 2047;

    /// <summary>
    /// The lexemes of the fields in PostgreSQL's order (UTF-8 bytes: every ASCII word before every CJK token, CJK tokens
    /// by code point, a lone character before the bigrams it begins), each with its positions as WordEntryPos values
    /// (weight in the top two bits: A 3 … D 0). A CJK token is a number (first character &lt;&lt; 17, bit 16 for a
    /// bigram, the second character), an ASCII word a string. Positions run on across fields with a gap of one between
    /// fields, so a phrase never matches across a field boundary; PostgreSQL keeps positions up to 16383 and 256 a lexeme.
    /// </summary>
    private static LexemeSet Lexemes((string? Text, char Weight)[] fields)
    {
        // every CJK occurrence as one number (its key, then its position, then its weight), sorted once: equal keys end up
        // together with their positions in order, without a list or dictionary entry per lexeme
        var set = t_lexemes ??= new LexemeSet();
        set.List.Clear();
        var occurrences = set.Occurrences;
        var n = 0;
        Dictionary<string, List<ushort>>? words = null;
        var pos = 0;
        foreach (var (text, weight) in fields)
        {
            if (string.IsNullOrEmpty(text) || pos >= 16383) continue;
            var w = weight switch { 'A' => 3, 'B' => 2, 'C' => 1, _ => 0 };
            var e = new TokenEnumerator(Fold(text));
            var first = true;
            while (e.MoveNext())
            {
                if (first) { pos++; first = false; } // the gap between fields
                pos++;
                if (pos > 16383) break;
                var tok = e.Current;
                if (IsCjk(tok[0]))
                {
                    var key = (long)tok[0] << 17 | (tok.Length == 2 ? 0x10000L | tok[1] : 0);
                    if (n == occurrences.Length) { Array.Resize(ref set.Occurrences, n * 2); occurrences = set.Occurrences; }
                    occurrences[n++] = key << 16 | (long)pos << 2 | (long)w;
                }
                else
                {
                    if (tok.Length > MaxLexemeBytes) continue;
                    words ??= new Dictionary<string, List<ushort>>(StringComparer.Ordinal);
                    var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
                    if (!lookup.TryGetValue(tok, out var list)) lookup[tok] = list = new List<ushort>(2);
                    if (list.Count < 256) list.Add((ushort)(w << 14 | pos));
                }
            }
        }
        var at = 0;
        var need = n;
        if (words is not null) foreach (var list in words.Values) need += list.Count;
        if (set.Positions.Length < need) set.Positions = new ushort[Math.Max(need, set.Positions.Length * 2)];
        if (words is not null)
        {
            var sorted = words.Keys.ToArray();
            Array.Sort(sorted, StringComparer.Ordinal);
            foreach (var word in sorted)
            {
                var list = words[word];
                set.List.Add(new Lexeme(0, word, at, list.Count));
                foreach (var p in list) set.Positions[at++] = p;
            }
        }
        Array.Sort(occurrences, 0, n);
        var positions = set.Positions;
        for (var i = 0; i < n;)
        {
            var key = occurrences[i] >> 16;
            var start = at;
            for (; i < n && occurrences[i] >> 16 == key; i++)
                if (at - start < 256) positions[at++] = (ushort)((occurrences[i] & 3) << 14 | (occurrences[i] >> 2 & 0x3FFF));
            set.List.Add(new Lexeme(key, null, start, at - start));
        }
        return set;
    }

    /// <summary>
    /// One lexeme: a CJK token's number (first character &lt;&lt; 17, bit 16 for a bigram, the second character) or an
    /// ASCII word, and where its positions are in <see cref="LexemeSet.Positions"/>.
    /// </summary>
    private readonly record struct Lexeme(long Key, string? Word, int Start, int Count);

    /// <summary>The lexemes of one vector, in PostgreSQL's order; reused by the thread for its next vector.</summary>
    private sealed class LexemeSet
    {
        public readonly List<Lexeme> List = new(64);
        public long[] Occurrences = new long[256];
        public ushort[] Positions = new ushort[256];
    }

    [ThreadStatic] private static LexemeSet? t_lexemes;

    public static string Tokens(string? text)
    {
        var sb = new StringBuilder();
        Append(sb, text);
        return sb.ToString();
    }

    public static List<string> TokenList(string? text) => Tokens(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
}
