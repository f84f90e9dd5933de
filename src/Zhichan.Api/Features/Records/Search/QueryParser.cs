using System.Globalization;
using System.Text.RegularExpressions;
using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Api.Features.Records.Search;

/// <summary>
/// Parses a search expression (ADR 0016) by recursive descent:
/// <code>
/// or      := and (OR and)*                          OR, |, 或
/// and     := unary ([AND] unary)*                   AND, &amp;, 与 — or nothing: terms side by side are ANDed
/// unary   := (NOT | -) unary | primary              NOT, 非, or a minus glued to the operand; "A NOT B" is A AND NOT B
/// primary := ( or ) | "phrase" | FIELD op value | word
/// value   := ( or ) | "phrase" | word | [date TO date]      inside, every term belongs to the field
/// op      := = | :  (and &gt; &gt;= &lt; &lt;= for dates)
/// </code>
/// Full-width characters count as their ASCII forms (（）＝：＂ …). A syntax error throws a 400 whose field error on q names
/// the character position (1-based) and says what is wrong in Chinese; the problem also carries the position.
/// </summary>
public static partial class QueryParser
{
    /// <summary>The most terms (words, phrases, numbers, classes, dates) one expression may hold.</summary>
    public const int MaxTerms = 64;

    /// <summary>The deepest nesting of parentheses.</summary>
    public const int MaxDepth = 16;

    public static QueryNode? Parse(string q)
    {
        var node = new Parser(q).ParseAll();
        return node == Parser.Empty ? null : node;
    }

    /// <summary>The 400 for a syntax error at <paramref name="position"/> (0-based).</summary>
    public static RequestValidationException SyntaxError(int position, string message)
    {
        var e = new RequestValidationException(new Dictionary<string, string[]> { ["q"] = [$"检索式第 {position + 1} 个字符处：{message}"] }, "检索式有语法错误");
        e.Extensions["position"] = position + 1;
        return e;
    }

    private static readonly string[] AndWords = ["AND", "&", "&&", "与"], OrWords = ["OR", "|", "||", "或"], NotWords = ["NOT", "非"];
    private static readonly string[] RangeWords = ["TO", "至", "到"];

    private sealed class Parser(string raw)
    {
        /// <summary>Stands for a term with nothing searchable (punctuation only): dropped by the operators around it.</summary>
        public static readonly QueryNode Empty = new AndNode([], -1);

        // full-width ASCII folded, one character for one: positions stay those of the box
        private readonly string _s = TextWidth.ToHalfWidth(raw);
        private int _i, _terms, _depth;

        public QueryNode ParseAll()
        {
            SkipSpace();
            if (AtEnd) return Empty;
            var n = ParseOr(null) ?? throw Missing();
            SkipSpace();
            if (!AtEnd) throw SyntaxError(_i, IsClose(_s[_i]) ? "多余的右括号“)”（前面没有与之配对的左括号）" : $"无法识别“{Shorten(_s[_i..])}”");
            return n;
        }

        private bool AtEnd => _i >= _s.Length;

        private RequestValidationException Missing() =>
            AtEnd ? SyntaxError(_i, "缺少检索词")
            : IsClose(_s[_i]) ? SyntaxError(_i, "多余的右括号“)”（前面没有与之配对的左括号）")
            : SyntaxError(_i, $"“{Shorten(_s[_i..])}”前缺少检索词");

        private QueryNode? ParseOr(SearchField? field)
        {
            var start = _i;
            var first = ParseAnd(field);
            SkipSpace();
            if (!IsKeyword(OrWords, out var len)) return first;
            if (first is null) throw SyntaxError(_i, $"“{_s.Substring(_i, len)}”前缺少检索词");
            var list = new List<QueryNode> { first };
            while (IsKeyword(OrWords, out len))
            {
                var at = _i;
                _i += len;
                var next = ParseAnd(field) ?? throw SyntaxError(at, $"“{_s.Substring(at, len)}”后缺少检索词");
                list.Add(next);
                SkipSpace();
            }
            return Combine(list, start, or: true);
        }

        private QueryNode? ParseAnd(SearchField? field)
        {
            var start = _i;
            var list = new List<QueryNode>();
            while (true)
            {
                SkipSpace();
                if (AtEnd || IsClose(_s[_i]) || _s[_i] == ']' || IsKeyword(OrWords, out _)) break;
                if (IsKeyword(AndWords, out var len))
                {
                    var at = _i;
                    if (list.Count == 0) throw SyntaxError(at, $"“{_s.Substring(at, len)}”前缺少检索词");
                    _i += len;
                    SkipSpace();
                    if (AtEnd || IsClose(_s[_i]) || IsKeyword(OrWords, out _) || IsKeyword(AndWords, out _))
                        throw SyntaxError(at, $"“{_s.Substring(at, len)}”后缺少检索词");
                    continue;
                }
                list.Add(ParseUnary(field));
            }
            return list.Count == 0 ? null : Combine(list, start, or: false);
        }

        private QueryNode ParseUnary(SearchField? field)
        {
            SkipSpace();
            var at = _i;
            int len;
            var minus = _s[_i] == '-' && _i + 1 < _s.Length && !char.IsWhiteSpace(_s[_i + 1]) && !IsClose(_s[_i + 1]);
            if (minus) len = 1;
            else if (!IsKeyword(NotWords, out len)) return ParsePrimary(field);
            _i += len;
            SkipSpace();
            if (AtEnd || IsClose(_s[_i]) || IsKeyword(OrWords, out _) || IsKeyword(AndWords, out _))
                throw SyntaxError(at, $"“{_s.Substring(at, len)}”后缺少检索词");
            var child = ParseUnary(field);
            return child == Empty ? Empty : new NotNode(child, at);
        }

        private QueryNode ParsePrimary(SearchField? field)
        {
            SkipSpace();
            var at = _i;
            var c = _s[_i];
            if (IsOpen(c))
            {
                if (++_depth > MaxDepth) throw SyntaxError(at, $"括号嵌套过深（最多 {MaxDepth} 层）");
                _i++;
                SkipSpace();
                if (!AtEnd && IsClose(_s[_i])) throw SyntaxError(at, "括号内没有检索词");
                var inner = ParseOr(field) ?? throw Missing();
                SkipSpace();
                if (AtEnd || !IsClose(_s[_i])) throw SyntaxError(at, "缺少与之配对的右括号“)”");
                _i++;
                _depth--;
                return inner;
            }
            if (IsClose(c)) throw SyntaxError(at, "多余的右括号“)”");
            if (TryField(out var f, out var op))
            {
                if (field is not null) throw SyntaxError(at, $"字段“{field.Code}”的括号内不能再指定字段（{f.Code}）");
                return ParseFieldClause(f, op, at);
            }
            if (IsQuote(c)) return Leaf(field, ReadPhrase(), true, at);
            return Leaf(field, ReadWord(field?.Kind == SearchFieldKind.Date), false, at);
        }

        /// <summary>FIELD op value; the cursor is after the operator.</summary>
        private QueryNode ParseFieldClause(SearchField f, string op, int at)
        {
            SkipSpace();
            if (AtEnd || IsClose(_s[_i]) || IsKeyword(OrWords, out _) || IsKeyword(AndWords, out _))
                throw SyntaxError(at, $"字段“{f.Code}”后缺少检索词");
            if (op is not ("=" or ":"))
            {
                if (f.Kind != SearchFieldKind.Date) throw SyntaxError(at, $"只有日期字段（AD、PD、GD）可以用 {op} 比较，“{f.Code}”请用 =");
                var valueAt = _i;
                var (start, end) = DateRange(ReadWord(true), valueAt);
                return new FieldNode(f, op switch
                {
                    ">" => new DateNode(f, end.AddDays(1), null, valueAt),
                    ">=" => new DateNode(f, start, null, valueAt),
                    "<" => new DateNode(f, null, start.AddDays(-1), valueAt),
                    _ => new DateNode(f, null, end, valueAt),
                }, at);
            }
            QueryNode inner;
            if (f.Kind == SearchFieldKind.Date && _s[_i] == '[')
            {
                var open = _i++;
                SkipSpace();
                inner = DateLeaf(f, ReadWord(true), open, bracketed: true);
                SkipSpace();
                if (AtEnd || _s[_i] != ']') throw SyntaxError(open, "日期范围缺少右方括号“]”");
                _i++;
            }
            else inner = ParsePrimary(f);
            if (inner == Empty) throw SyntaxError(at, $"字段“{f.Code}”的检索词没有可检索的文字");
            return new FieldNode(f, inner, at);
        }

        /// <summary>A word or phrase in its field (or in every field).</summary>
        private QueryNode Leaf(SearchField? field, string text, bool phrase, int at)
        {
            if (++_terms > MaxTerms) throw SyntaxError(at, $"检索式过于复杂：最多 {MaxTerms} 个检索词");
            var term = new QueryTerm(text, phrase, SearchTokens.TokenList(text));
            switch (field?.Kind)
            {
                case null:
                    if (!phrase && NumberForms.Recognise(text) is { } keys)
                        return new NumberNode(keys, null, term.Tokens.Count > 0 ? term : null, at);
                    return term.Tokens.Count == 0 ? Empty : new TermNode(term, null, at);
                case SearchFieldKind.Text or SearchFieldKind.Agency:
                    if (term.Tokens.Count == 0) throw SyntaxError(at, $"检索词“{text}”没有可检索的文字（汉字、字母或数字）");
                    return new TermNode(term, field, at);
                case SearchFieldKind.Number:
                    var number = NumberForms.Parse(text, field.Numbers);
                    if (!number.IsValid) throw SyntaxError(at, number.Error!);
                    return new NumberNode(number, field, null, at);
                case SearchFieldKind.Ipc:
                    return IpcLeaf(text, at);
                default:
                    return DateLeaf(field, text, at, bracketed: false);
            }
        }

        private QueryNode IpcLeaf(string text, int at)
        {
            var ipc = text.Trim().ToUpperInvariant();
            // "H01M 10/05" written with its space: the group follows as the next word
            var save = _i;
            SkipSpace();
            if (IpcSubclass().IsMatch(ipc) && !AtEnd && IpcGroupStart().IsMatch(_s[_i..])) ipc += ReadWord(false);
            else _i = save;
            ipc = ipc.Replace(" ", "");
            if (IpcClassPrefix().IsMatch(ipc)) return new IpcNode(ipc, ipc, null, at);
            var symbol = IpcSymbol.TryParse(ipc.Contains('/') ? ipc : ipc + "/00", out _);
            if (symbol is null || !IpcSubclass().IsMatch(symbol.Subclass))
                throw SyntaxError(at, $"IPC 分类号“{text.Trim()}”无法识别（示例：H、H01、H01M、H01M10、H01M10/05）");
            // main groups are in ipc_classes ("A61K 36"): one lookup in its GIN index; a subgroup in records_ipc_subgroups (ADR 0072)
            return new IpcNode(ipc, $"{symbol.Subclass} {symbol.MainGroupNumber}", ipc.Contains('/') ? symbol.Symbol : null, at);
        }

        private QueryNode DateLeaf(SearchField field, string text, int at, bool bracketed)
        {
            // a range in one word (2017-01-01:2017-12-31, 2017~2018), or "a TO b" over three words
            string first = text, second;
            var split = text.IndexOfAny([':', '~', '至', '到']);
            if (split > 0) (first, second) = (text[..split], text[(split + 1)..]);
            else
            {
                var save = _i;
                SkipSpace();
                if (IsKeyword(RangeWords, out var len))
                {
                    _i += len;
                    SkipSpace();
                    if (AtEnd || IsClose(_s[_i]) || _s[_i] == ']') throw SyntaxError(at, "日期范围缺少终点（如 2017-01-01 TO 2017-06-30）");
                    second = ReadWord(true);
                }
                else
                {
                    if (bracketed) throw SyntaxError(at, "方括号内应为日期范围（如 [2017-01-01 TO 2017-06-30]）");
                    _i = save;
                    var (s1, e1) = DateRange(text, at);
                    return new DateNode(field, s1, e1, at);
                }
            }
            DateOnly? from = first.Trim() == "*" ? null : DateRange(first, at).Start;
            DateOnly? to = second.Trim() == "*" ? null : DateRange(second, at).End;
            if (from > to) throw SyntaxError(at, $"日期范围的起点（{from:yyyy-MM-dd}）晚于终点（{to:yyyy-MM-dd}）");
            if (from is null && to is null) throw SyntaxError(at, "日期范围至少要有一端");
            return new DateNode(field, from, to, at);
        }

        /// <summary>The first and last day a date of a year, month or day stands for.</summary>
        private static (DateOnly Start, DateOnly End) DateRange(string text, int at)
        {
            var t = text.Trim().Replace("年", "-").Replace("月", "-").Replace("日", "").TrimEnd('-');
            var m = DatePattern().Match(t);
            if (m.Success)
            {
                var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
                var month = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
                var day = m.Groups["d"].Success ? int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) : 0;
                if (year is >= 1900 and <= 2100 && month is >= 0 and <= 12 && (month > 0 || day == 0))
                {
                    if (month == 0) return (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
                    if (day == 0) return (new DateOnly(year, month, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month)));
                    if (day <= DateTime.DaysInMonth(year, month)) return (new DateOnly(year, month, day), new DateOnly(year, month, day));
                }
            }
            throw SyntaxError(at, $"日期“{text.Trim()}”无法识别（示例：2017、2017-03、2017-03-15、20170315）");
        }

        /// <summary>At a field clause: a code or alias, optional spaces, then = : &gt; &gt;= &lt; &lt;=. An unknown name before = is an error.</summary>
        private bool TryField(out SearchField field, out string op)
        {
            foreach (var name in SearchFields.Names)
            {
                if (!_s.AsSpan(_i).StartsWith(name, StringComparison.OrdinalIgnoreCase)) continue;
                var k = _i + name.Length;
                while (k < _s.Length && _s[k] == ' ') k++;
                if (Operator(k) is not { } o) continue;
                field = SearchFields.Find(name)!;
                op = o;
                _i = k + o.Length;
                return true;
            }
            var j = _i;
            while (j < _s.Length && (char.IsAsciiLetter(_s[j]) || SearchTokens.IsCjk(_s[j]))) j++;
            var after = j;
            while (after < _s.Length && _s[after] == ' ') after++;
            if (j > _i && after < _s.Length && _s[after] == '=')
                throw SyntaxError(_i, $"未知的字段代码“{_s[_i..j]}”（可用：{SearchFields.List}）");
            field = null!;
            op = "";
            return false;
        }

        private string? Operator(int k)
        {
            if (k >= _s.Length) return null;
            if (_s[k] is '=' or ':') return _s[k].ToString();
            if (_s[k] is '>' or '<') return k + 1 < _s.Length && _s[k + 1] == '=' ? _s.Substring(k, 2) : _s[k].ToString();
            return null;
        }

        private string ReadPhrase()
        {
            var at = _i;
            var close = _s[_i] == '“' ? '”' : _s[_i] == '”' ? '“' : '"';
            var end = _s.IndexOfAny(close == '"' ? ['"', '”', '“'] : [close, '"'], _i + 1);
            if (end < 0) throw SyntaxError(at, "引号未闭合（短语应写在一对双引号内）");
            _i = end + 1;
            return _s[(at + 1)..end];
        }

        private string ReadWord(bool stopAtBracket)
        {
            var at = _i;
            while (_i < _s.Length && !char.IsWhiteSpace(_s[_i]) && !IsOpen(_s[_i]) && !IsClose(_s[_i]) && !IsQuote(_s[_i]) && !(stopAtBracket && _s[_i] == ']')) _i++;
            return _s[at.._i];
        }

        /// <summary>Whether one of the keywords stands at the cursor as a word of its own (case-insensitive).</summary>
        private bool IsKeyword(string[] words, out int length)
        {
            foreach (var w in words)
            {
                if (!_s.AsSpan(_i).StartsWith(w, StringComparison.OrdinalIgnoreCase)) continue;
                var end = _i + w.Length;
                if (end == _s.Length || char.IsWhiteSpace(_s[end]) || IsOpen(_s[end]) || IsClose(_s[end]) || IsQuote(_s[end]))
                {
                    length = w.Length;
                    return true;
                }
            }
            length = 0;
            return false;
        }

        private void SkipSpace()
        {
            while (_i < _s.Length && char.IsWhiteSpace(_s[_i])) _i++;
        }

        private static QueryNode Combine(List<QueryNode> list, int at, bool or)
        {
            var kept = list.Where(n => n != Empty).ToList();
            if (kept.Count == 0) return Empty;
            if (kept.Count == 1) return kept[0];
            // flatten (A AND B) AND C, so the printed expression and the SQL stay flat
            var flat = kept.SelectMany(n => or ? n is OrNode o ? o.Children : [n] : n is AndNode a ? a.Children : [n]).ToList();
            return or ? new OrNode(flat, at) : new AndNode(flat, at);
        }

        private static string Shorten(string s) => s.Length <= 12 ? s : s[..12] + "…";
    }

    private static bool IsOpen(char c) => c is '(';
    private static bool IsClose(char c) => c is ')';
    private static bool IsQuote(char c) => c is '"' or '“' or '”';

    [GeneratedRegex(@"^(?<y>[0-9]{4})(?:[-./]?(?<m>[0-9]{1,2})(?:[-./]?(?<d>[0-9]{1,2}))?)?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^[A-H]$|^[A-H][0-9]{2}$|^[A-H][0-9]{2}[A-Z]$")]
    private static partial Regex IpcClassPrefix();

    [GeneratedRegex(@"^[A-H][0-9]{2}[A-Z]$")]
    private static partial Regex IpcSubclass();

    [GeneratedRegex(@"^[0-9]{1,4}(/[0-9]{1,6})?(\s|\)|$)")]
    private static partial Regex IpcGroupStart();
}
