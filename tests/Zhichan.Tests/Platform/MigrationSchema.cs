using System.Text;
using System.Text.RegularExpressions;

namespace Zhichan.Tests.Platform;

/// <summary>A key of a table: primary key, unique constraint or unique index (Columns: plain columns; an expression is "(expr)").</summary>
public sealed record SchemaKey(string Name, string Kind, List<string> Columns, string Source);

/// <summary>A foreign key (RefColumns empty: the referenced table's primary key).</summary>
public sealed record SchemaForeignKey(string Name, List<string> Columns, string RefTable, List<string> RefColumns, string Source);

public sealed class SchemaTable(string name, string source)
{
    public string Name { get; set; } = name;
    public string Source { get; } = source;
    public List<string> Columns { get; } = [];
    public Dictionary<string, string> Defaults { get; } = new(StringComparer.Ordinal);
    public List<SchemaKey> Keys { get; } = [];
    public List<SchemaForeignKey> ForeignKeys { get; } = [];
    public List<SchemaKey> Exclusions { get; } = [];
    public List<string> Triggers { get; } = [];
}

/// <summary>A function whose body reads or writes tables (Citus: a function body runs where it is called; across shards it is a fan-out per call).</summary>
public sealed record SchemaFunction(string Name, List<string> Tables, string Source);

/// <summary>
/// The schema the migrations build, read from their SQL text: tables with columns and defaults, primary keys, unique
/// constraints and unique indexes, foreign keys, exclusion constraints, triggers and functions — replaying ALTER TABLE,
/// renames and drops in migration order. It understands the DDL forms the migrations use and throws on a form that
/// would change keys but that it cannot read (a new syntax must teach the parser, not slip past it).
/// </summary>
public sealed class MigrationSchema
{
    public Dictionary<string, SchemaTable> Tables { get; } = new(StringComparer.Ordinal);
    public List<SchemaFunction> Functions { get; } = [];
    private readonly Dictionary<string, string> _indexTable = new(StringComparer.Ordinal);

    public static MigrationSchema FromFolder(string folder)
    {
        var schema = new MigrationSchema();
        foreach (var file in Directory.EnumerateFiles(folder, "*.sql").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal))
            schema.Apply(File.ReadAllText(file), Path.GetFileName(file));
        return schema;
    }

    public static MigrationSchema FromSql(string sql)
    {
        var schema = new MigrationSchema();
        schema.Apply(sql, "inline.sql");
        return schema;
    }

    public void Apply(string sql, string source)
    {
        foreach (var statement in Statements(sql))
            ApplyStatement(statement, source);
    }

    // ---- statements -------------------------------------------------------------------------------------------------

    /// <summary>Splits SQL into statements at top-level semicolons, dropping comments, keeping quoted and $$ text intact.</summary>
    public static List<string> Statements(string sql)
    {
        var result = new List<string>();
        var sb = new StringBuilder();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n') i++;
                sb.Append(' ');
                continue;
            }
            if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                sb.Append(' ');
                continue;
            }
            if (c is '\'' or '"')
            {
                var j = i + 1;
                while (j < sql.Length)
                {
                    if (sql[j] == c) { if (j + 1 < sql.Length && sql[j + 1] == c) { j += 2; continue; } break; }
                    j++;
                }
                sb.Append(sql, i, Math.Min(j + 1, sql.Length) - i);
                i = j + 1;
                continue;
            }
            if (c == '$')
            {
                var m = Regex.Match(sql[i..], @"^\$[A-Za-z_]*\$");
                if (m.Success)
                {
                    var tag = m.Value;
                    var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                    if (end < 0) throw new FormatException($"unterminated {tag} quote");
                    sb.Append(sql, i, end + tag.Length - i);
                    i = end + tag.Length;
                    continue;
                }
            }
            if (c == ';')
            {
                Flush();
                i++;
                continue;
            }
            sb.Append(c);
            i++;
        }
        Flush();
        return result;

        void Flush()
        {
            var s = Regex.Replace(sb.ToString(), @"\s+", " ").Trim();
            if (s.Length > 0) result.Add(s);
            sb.Clear();
        }
    }

    private const string Id = @"(?:""[^""]+""|[A-Za-z_][A-Za-z0-9_$]*)";
    private const string QName = @"(?:" + Id + @"\.)?(" + Id + ")";

    private static string Unquote(string id)
    {
        var s = id.Trim();
        if (s.Contains('.') && !s.StartsWith('"')) s = s[(s.LastIndexOf('.') + 1)..];
        return s.StartsWith('"') ? s.Trim('"') : s.ToLowerInvariant();
    }

    private void ApplyStatement(string s, string source)
    {
        Match m;
        if ((m = Regex.Match(s, @"^CREATE (?:(?:GLOBAL |LOCAL )?(?:TEMP|TEMPORARY) |UNLOGGED )?TABLE (?:IF NOT EXISTS )?" + QName + @"\s*(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)).Success)
            CreateTable(Unquote(m.Groups[1].Value), m.Groups[2].Value, source, s);
        else if ((m = Regex.Match(s, @"^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?" + QName + @"\s+(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)).Success)
            AlterTable(Unquote(m.Groups[1].Value), m.Groups[2].Value, source, s);
        else if ((m = Regex.Match(s, @"^CREATE UNIQUE INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?(" + Id + @") ON (?:ONLY )?" + QName + @"\s*(?:USING \w+\s*)?\((.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)).Success)
        {
            var table = Table(Unquote(m.Groups[2].Value), s);
            var (inner, _) = Parenthesised("(" + m.Groups[3].Value);
            var name = Unquote(m.Groups[1].Value);
            table.Keys.Add(new SchemaKey(name, "unique index", KeyElements(inner), source));
            _indexTable[name] = table.Name;
        }
        else if ((m = Regex.Match(s, @"^CREATE INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?(" + Id + @") ON", RegexOptions.IgnoreCase)).Success)
            _indexTable.Remove(Unquote(m.Groups[1].Value)); // a non-unique index of the same name replaces nothing we track
        else if ((m = Regex.Match(s, @"^DROP INDEX (?:CONCURRENTLY )?(?:IF EXISTS )?(.+?)(?: CASCADE| RESTRICT)?$", RegexOptions.IgnoreCase)).Success)
        {
            foreach (var n in m.Groups[1].Value.Split(',').Select(Unquote))
                if (_indexTable.Remove(n, out var t) && Tables.TryGetValue(t, out var table))
                    table.Keys.RemoveAll(k => k.Name == n);
        }
        else if ((m = Regex.Match(s, @"^DROP TABLE (?:IF EXISTS )?(.+?)(?: CASCADE| RESTRICT)?$", RegexOptions.IgnoreCase)).Success)
        {
            foreach (var n in m.Groups[1].Value.Split(',').Select(Unquote))
                Tables.Remove(n);
        }
        else if ((m = Regex.Match(s, @"^CREATE (?:OR REPLACE )?(?:CONSTRAINT )?TRIGGER (" + Id + @") .*? ON " + QName + " ", RegexOptions.IgnoreCase)).Success)
            Table(Unquote(m.Groups[2].Value), s).Triggers.Add(Unquote(m.Groups[1].Value));
        else if ((m = Regex.Match(s, @"^CREATE (?:OR REPLACE )?(?:FUNCTION|PROCEDURE) " + QName + @"\s*\(.*?\$([A-Za-z_]*)\$(.*)\$\2\$", RegexOptions.IgnoreCase | RegexOptions.Singleline)).Success)
        {
            var name = Unquote(m.Groups[1].Value);
            Functions.RemoveAll(f => f.Name == name);
            var body = m.Groups[3].Value;
            DdlInBody(body, s);
            var tables = Regex.Matches(body, @"\b(?:FROM|JOIN|INTO|UPDATE)\s+" + QName, RegexOptions.IgnoreCase)
                .Select(x => Unquote(x.Groups[1].Value)).Distinct().ToList();
            Functions.Add(new SchemaFunction(name, tables, source));
        }
        else if (Regex.IsMatch(s, @"^DO\b", RegexOptions.IgnoreCase))
            DdlInBody(s, s);
        else if ((m = Regex.Match(s, @"^ALTER INDEX (?:IF EXISTS )?" + QName + @" RENAME TO (" + Id + ")$", RegexOptions.IgnoreCase)).Success)
        {
            string from = Unquote(m.Groups[1].Value), to = Unquote(m.Groups[2].Value);
            if (_indexTable.Remove(from, out var t) && Tables.TryGetValue(t, out var table))
            {
                _indexTable[to] = t;
                for (var i = 0; i < table.Keys.Count; i++) if (table.Keys[i].Name == from) table.Keys[i] = table.Keys[i] with { Name = to };
            }
        }
        else if (Regex.IsMatch(s, @"^(?:CREATE|ALTER|DROP)\b", RegexOptions.IgnoreCase)
                 && (Regex.IsMatch(s, @"^(?:CREATE|ALTER|DROP) (?:(?:GLOBAL |LOCAL )?(?:TEMP|TEMPORARY) |UNLOGGED |FOREIGN )?TABLE\b", RegexOptions.IgnoreCase)
                     || Regex.IsMatch(Flatten(s), @"\b(?:UNIQUE|PRIMARY KEY|FOREIGN KEY|REFERENCES|EXCLUDE)\b", RegexOptions.IgnoreCase)))
            throw new FormatException($"{source}: DDL the Citus readiness parser does not understand: {Short(s)}");
        // anything else (views, extensions, sequences, roles, policies, publications, plain DML, DO blocks without keys) adds no table or key
    }

    /// <summary>DDL inside a DO block or function body (dynamic or conditional) that would change tables or keys: refuse to guess.</summary>
    private static void DdlInBody(string body, string statement)
    {
        if (Regex.IsMatch(body, @"\bCREATE (?:UNLOGGED )?TABLE\b|\bUNIQUE\b|\bPRIMARY KEY\b|\bFOREIGN KEY\b|\bREFERENCES\b|\bEXCLUDE\b|\bDROP TABLE\b|\bRENAME\b", RegexOptions.IgnoreCase))
            throw new FormatException($"keys or tables changed inside a DO block or function body (write them as plain DDL): {Short(statement)}");
    }

    private static string Short(string s) => s.Length > 160 ? s[..160] + " …" : s;

    private SchemaTable Table(string name, string statement) =>
        Tables.TryGetValue(name, out var t) ? t : throw new FormatException($"statement on a table no migration created ({name}): {Short(statement)}");

    // ---- CREATE TABLE ------------------------------------------------------------------------------------------------

    private void CreateTable(string name, string rest, string source, string statement)
    {
        if (!rest.StartsWith('('))
            throw new FormatException($"{source}: CREATE TABLE form not understood (AS / PARTITION OF / OF type): {Short(statement)}");
        if (Regex.IsMatch(statement, @"^CREATE (?:GLOBAL |LOCAL )?TEMP", RegexOptions.IgnoreCase)) return;
        var (body, after) = Parenthesised(rest);
        if (Regex.IsMatch(after, @"\bINHERITS\b|\bPARTITION BY\b", RegexOptions.IgnoreCase))
            throw new FormatException($"{source}: {name}: INHERITS / PARTITION BY not understood (classify partitions in the plan first)");
        if (Tables.ContainsKey(name))
        {
            if (Regex.IsMatch(statement, @"IF NOT EXISTS", RegexOptions.IgnoreCase)) return;
            throw new FormatException($"{source}: table {name} created twice");
        }
        var table = new SchemaTable(name, source);
        Tables[name] = table;
        foreach (var item in SplitTopLevel(body))
        {
            if (IsTableConstraint(item)) TableConstraint(table, item, source);
            else if (Regex.IsMatch(item, @"^LIKE\b", RegexOptions.IgnoreCase)) throw new FormatException($"{source}: {name}: LIKE not understood");
            else ColumnDefinition(table, item, source);
        }
    }

    private static bool IsTableConstraint(string item) =>
        Regex.IsMatch(item, @"^(?:CONSTRAINT " + Id + @" )?(?:PRIMARY KEY|UNIQUE|FOREIGN KEY|EXCLUDE|CHECK)\b", RegexOptions.IgnoreCase);

    private static void ColumnDefinition(SchemaTable table, string item, string source)
    {
        var m = Regex.Match(item, @"^(" + Id + @")\s*(.*)$", RegexOptions.Singleline);
        var col = Unquote(m.Groups[1].Value);
        var def = m.Groups[2].Value;
        table.Columns.Add(col);
        var dm = Regex.Match(def, @"\bDEFAULT\s+(.+?)(?=\s+(?:NOT NULL|NULL|CHECK|REFERENCES|PRIMARY KEY|UNIQUE|CONSTRAINT|GENERATED|COLLATE)\b|$)", RegexOptions.IgnoreCase);
        if (dm.Success) table.Defaults[col] = dm.Groups[1].Value.Trim();
        var flat = Flatten(def);
        string? Named(string kw)
        {
            var n = Regex.Match(flat, @"\bCONSTRAINT (" + Id + @") " + kw, RegexOptions.IgnoreCase);
            return n.Success ? Unquote(n.Groups[1].Value) : null;
        }
        if (Regex.IsMatch(flat, @"\bPRIMARY KEY\b", RegexOptions.IgnoreCase))
            table.Keys.Add(new SchemaKey(Named("PRIMARY KEY") ?? Truncate($"{table.Name}_pkey"), "primary key", [col], source));
        if (Regex.IsMatch(flat, @"\bUNIQUE\b", RegexOptions.IgnoreCase))
            table.Keys.Add(new SchemaKey(Named("UNIQUE") ?? Truncate($"{table.Name}_{col}_key"), "unique", [col], source));
        var r = Regex.Match(def, @"\bREFERENCES\s+" + QName + @"\s*(?:\(\s*(" + Id + @")\s*\))?", RegexOptions.IgnoreCase);
        if (r.Success)
            table.ForeignKeys.Add(new SchemaForeignKey(Named("REFERENCES") ?? Truncate($"{table.Name}_{col}_fkey"), [col], Unquote(r.Groups[1].Value),
                r.Groups[2].Success ? [Unquote(r.Groups[2].Value)] : [], source));
    }

    private static void TableConstraint(SchemaTable table, string item, string source)
    {
        var m = Regex.Match(item, @"^(?:CONSTRAINT (" + Id + @") )?(PRIMARY KEY|UNIQUE(?: NULLS (?:NOT )?DISTINCT)?|FOREIGN KEY|EXCLUDE|CHECK)\s*(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline);
        var given = m.Groups[1].Success ? Unquote(m.Groups[1].Value) : null;
        var kind = m.Groups[2].Value.ToUpperInvariant();
        var rest = m.Groups[3].Value;
        if (kind == "CHECK") return;
        if (Regex.IsMatch(rest, @"^USING INDEX\b", RegexOptions.IgnoreCase))
            throw new FormatException($"{source}: {table.Name}: constraint USING INDEX not understood");
        if (kind == "EXCLUDE")
        {
            var em = Regex.Match(rest, @"^(?:USING \w+\s*)?(\(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline);
            var (elements, _) = Parenthesised(em.Groups[1].Value);
            // EXCLUDE (col WITH =, period WITH &&): the elements' first token
            var cols = SplitTopLevel(elements).Select(e => Regex.Replace(e, @"\s+WITH\s+\S+$", "", RegexOptions.IgnoreCase)).Select(KeyElement).ToList();
            table.Exclusions.Add(new SchemaKey(given ?? Truncate($"{table.Name}_{string.Join('_', cols)}_excl"), "exclude", cols, source));
            return;
        }
        var (inner, after) = Parenthesised(rest);
        var columns = SplitTopLevel(inner).Select(Unquote).ToList();
        if (kind == "PRIMARY KEY")
            table.Keys.Add(new SchemaKey(given ?? Truncate($"{table.Name}_pkey"), "primary key", columns, source));
        else if (kind.StartsWith("UNIQUE", StringComparison.Ordinal))
            table.Keys.Add(new SchemaKey(given ?? Truncate($"{table.Name}_{string.Join('_', columns)}_key"), "unique", columns, source));
        else
        {
            var r = Regex.Match(after, @"^REFERENCES\s+" + QName + @"\s*(\(.*)?$", RegexOptions.IgnoreCase | RegexOptions.Singleline);
            if (!r.Success) throw new FormatException($"{source}: {table.Name}: FOREIGN KEY not understood: {item}");
            List<string> refCols = [];
            if (r.Groups[2].Success) refCols = SplitTopLevel(Parenthesised(r.Groups[2].Value).Inner).Select(Unquote).ToList();
            table.ForeignKeys.Add(new SchemaForeignKey(given ?? Truncate($"{table.Name}_{string.Join('_', columns)}_fkey"), columns, Unquote(r.Groups[1].Value), refCols, source));
        }
    }

    // ---- ALTER TABLE -------------------------------------------------------------------------------------------------

    private void AlterTable(string name, string actions, string source, string statement)
    {
        var rt = Regex.Match(actions, @"^RENAME TO (" + Id + ")$", RegexOptions.IgnoreCase);
        if (rt.Success)
        {
            var t = Table(name, statement);
            Tables.Remove(name);
            t.Name = Unquote(rt.Groups[1].Value);
            Tables[t.Name] = t;
            foreach (var other in Tables.Values)
                for (var i = 0; i < other.ForeignKeys.Count; i++)
                    if (other.ForeignKeys[i].RefTable == name) other.ForeignKeys[i] = other.ForeignKeys[i] with { RefTable = t.Name };
            return;
        }
        if (Regex.IsMatch(statement, @"^ALTER TABLE IF EXISTS", RegexOptions.IgnoreCase) && !Tables.ContainsKey(name)) return;
        var table = Table(name, statement);
        foreach (var action in SplitTopLevel(actions))
        {
            Match m;
            if ((m = Regex.Match(action, @"^ADD (?:CONSTRAINT (" + Id + @") )?(PRIMARY KEY|UNIQUE|FOREIGN KEY|EXCLUDE|CHECK)\b(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)).Success)
                TableConstraint(table, action[4..], source);
            else if ((m = Regex.Match(action, @"^ADD (?:COLUMN )?(?:IF NOT EXISTS )?(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)).Success)
            {
                var before = table.Columns.Count;
                var col = Unquote(Regex.Match(m.Groups[1].Value, "^" + Id).Value);
                if (table.Columns.Contains(col) && Regex.IsMatch(action, "IF NOT EXISTS", RegexOptions.IgnoreCase)) continue;
                ColumnDefinition(table, m.Groups[1].Value, source);
                if (table.Columns.Count != before + 1) throw new FormatException($"{source}: ADD COLUMN not understood: {action}");
            }
            else if ((m = Regex.Match(action, @"^DROP CONSTRAINT (IF EXISTS )?(" + Id + ")", RegexOptions.IgnoreCase)).Success)
            {
                var n = Unquote(m.Groups[2].Value);
                table.Keys.RemoveAll(k => k.Name == n);
                table.ForeignKeys.RemoveAll(k => k.Name == n);
                table.Exclusions.RemoveAll(k => k.Name == n);
            }
            else if ((m = Regex.Match(action, @"^DROP (?:COLUMN )?(?:IF EXISTS )?(" + Id + ")", RegexOptions.IgnoreCase)).Success)
            {
                var c = Unquote(m.Groups[1].Value);
                table.Columns.Remove(c);
                table.Defaults.Remove(c);
                table.Keys.RemoveAll(k => k.Columns.Contains(c));
                table.ForeignKeys.RemoveAll(k => k.Columns.Contains(c));
                table.Exclusions.RemoveAll(k => k.Columns.Contains(c));
            }
            else if ((m = Regex.Match(action, @"^RENAME CONSTRAINT (" + Id + ") TO (" + Id + ")$", RegexOptions.IgnoreCase)).Success)
            {
                string from = Unquote(m.Groups[1].Value), to = Unquote(m.Groups[2].Value);
                for (var i = 0; i < table.Keys.Count; i++) if (table.Keys[i].Name == from) table.Keys[i] = table.Keys[i] with { Name = to };
                for (var i = 0; i < table.ForeignKeys.Count; i++) if (table.ForeignKeys[i].Name == from) table.ForeignKeys[i] = table.ForeignKeys[i] with { Name = to };
            }
            else if ((m = Regex.Match(action, @"^RENAME (?:COLUMN )?(" + Id + ") TO (" + Id + ")$", RegexOptions.IgnoreCase)).Success)
                RenameColumn(table, Unquote(m.Groups[1].Value), Unquote(m.Groups[2].Value));
            else if ((m = Regex.Match(action, @"^ALTER (?:COLUMN )?(" + Id + @") (?:SET DEFAULT (.*)|DROP DEFAULT)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)).Success)
            {
                var c = Unquote(m.Groups[1].Value);
                if (m.Groups[2].Success) table.Defaults[c] = m.Groups[2].Value.Trim(); else table.Defaults.Remove(c);
            }
            else if (Regex.IsMatch(action, @"^(?:ALTER|SET|RESET|ENABLE|DISABLE|VALIDATE|CLUSTER|OWNER|REPLICA|FORCE|NO FORCE)\b", RegexOptions.IgnoreCase))
            {
                if (Regex.IsMatch(action, @"^ALTER (?:COLUMN )?" + Id + @" ADD GENERATED", RegexOptions.IgnoreCase)) continue;
                if (Regex.IsMatch(action, @"\b(?:UNIQUE|PRIMARY KEY|REFERENCES)\b", RegexOptions.IgnoreCase))
                    throw new FormatException($"{source}: ALTER TABLE action not understood: {action}");
            }
            else throw new FormatException($"{source}: ALTER TABLE {name} action not understood: {action}");
        }
    }

    private void RenameColumn(SchemaTable table, string from, string to)
    {
        var i = table.Columns.IndexOf(from);
        if (i < 0) throw new FormatException($"{table.Name}: rename of a column that does not exist ({from})");
        table.Columns[i] = to;
        if (table.Defaults.Remove(from, out var d)) table.Defaults[to] = d;
        List<string> R(List<string> cols) => cols.Select(c => c == from ? to : c).ToList();
        for (var k = 0; k < table.Keys.Count; k++) table.Keys[k] = table.Keys[k] with { Columns = R(table.Keys[k].Columns) };
        for (var k = 0; k < table.Exclusions.Count; k++) table.Exclusions[k] = table.Exclusions[k] with { Columns = R(table.Exclusions[k].Columns) };
        for (var k = 0; k < table.ForeignKeys.Count; k++) table.ForeignKeys[k] = table.ForeignKeys[k] with { Columns = R(table.ForeignKeys[k].Columns) };
        foreach (var other in Tables.Values)
            for (var k = 0; k < other.ForeignKeys.Count; k++)
                if (other.ForeignKeys[k].RefTable == table.Name)
                    other.ForeignKeys[k] = other.ForeignKeys[k] with { RefColumns = R(other.ForeignKeys[k].RefColumns) };
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private static string Truncate(string name) => name.Length > 63 ? name[..63] : name;

    /// <summary>The text inside the first parenthesis of s (which must start with one) and what follows it.</summary>
    public static (string Inner, string After) Parenthesised(string s)
    {
        s = s.TrimStart();
        if (!s.StartsWith('(')) throw new FormatException($"expected '(' in: {Short(s)}");
        var depth = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\'') { i = s.IndexOf('\'', i + 1); if (i < 0) break; continue; }
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return (s[1..i].Trim(), s[(i + 1)..].Trim());
        }
        throw new FormatException($"unbalanced parentheses in: {Short(s)}");
    }

    /// <summary>Splits at commas outside parentheses and quotes.</summary>
    public static List<string> SplitTopLevel(string s)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '\'' or '"') { var j = s.IndexOf(c, i + 1); i = j < 0 ? s.Length - 1 : j; continue; }
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0) { parts.Add(s[start..i].Trim()); start = i + 1; }
        }
        parts.Add(s[start..].Trim());
        return parts.Where(p => p.Length > 0).ToList();
    }

    /// <summary>A definition with parenthesised groups and string literals blanked (so CHECK/DEFAULT text cannot look like a key).</summary>
    private static string Flatten(string def)
    {
        var sb = new StringBuilder();
        var depth = 0;
        for (var i = 0; i < def.Length; i++)
        {
            var c = def[i];
            if (c == '\'') { var j = def.IndexOf('\'', i + 1); i = j < 0 ? def.Length - 1 : j; sb.Append(' '); continue; }
            if (c == '(') { depth++; continue; }
            if (c == ')') { depth--; continue; }
            if (depth == 0) sb.Append(c);
        }
        return sb.ToString();
    }

    private static List<string> KeyElements(string inner) => SplitTopLevel(inner).Select(KeyElement).ToList();

    /// <summary>A plain column (COLLATE, operator class and ordering dropped) or "(expression)".</summary>
    private static string KeyElement(string element)
    {
        var m = Regex.Match(element, @"^(" + Id + @")(?:\s+COLLATE\s+\S+)?(?:\s+[a-z_][a-z0-9_]*_ops)?(?:\s+(?:ASC|DESC))?(?:\s+NULLS\s+(?:FIRST|LAST))?$", RegexOptions.IgnoreCase);
        return m.Success ? Unquote(m.Groups[1].Value) : "(" + element.Trim() + ")";
    }
}
