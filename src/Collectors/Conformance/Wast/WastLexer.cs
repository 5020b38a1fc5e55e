using System.Text;

namespace Observatory.Collectors.Conformance.Wast;

/// <summary>
/// Reads a .wast file into S-expressions: line comments (;;), nested block comments
/// ((; ;)), strings with every escape of the text format (\t \n \r \" \' \\ \hh \u{h+}),
/// and atoms (keywords, $ids, numbers). Annotations ((@name ...)) are ordinary lists
/// whose head starts with '@'. Any malformed input throws a <see cref="WastParseException"/>
/// naming file:line:column.
/// </summary>
public sealed class WastLexer
{
    private readonly WastSource _src;
    private readonly string _t;
    private int _pos;

    public WastLexer(WastSource source)
    {
        _src = source;
        _t = source.Text;
    }

    /// <summary>Every top-level S-expression of the file.</summary>
    public static List<SExpr> ReadAll(WastSource source) => new WastLexer(source).ReadTopLevel();

    private List<SExpr> ReadTopLevel()
    {
        var items = new List<SExpr>();
        while (true)
        {
            SkipTrivia();
            if (_pos >= _t.Length) return items;
            if (_t[_pos] == ')') throw _src.Error(_pos, "unexpected ')' with no matching '('");
            var e = ReadExpr();
            if (e is not SList l || !IsAnnotation(l)) items.Add(e);
        }
    }

    // Iterative so a deeply nested module (the suite has some) cannot overflow our stack.
    private SExpr ReadExpr()
    {
        if (_t[_pos] != '(') return ReadAtomOrString();
        var stack = new Stack<(int Start, List<SExpr> Items)>();
        stack.Push((_pos, []));
        _pos++;
        while (true)
        {
            SkipTrivia();
            if (_pos >= _t.Length)
                throw _src.Error(stack.Peek().Start, "unclosed '(': end of file reached before its ')'");
            var c = _t[_pos];
            if (c == '(')
            {
                stack.Push((_pos, []));
                _pos++;
            }
            else if (c == ')')
            {
                _pos++;
                var (start, items) = stack.Pop();
                var list = new SList(items, start, _pos);
                if (stack.Count == 0) return list;
                // Annotations (@name ...) may appear anywhere; directives never need them, and module
                // text keeps them because it is taken from the source by offsets.
                if (!IsAnnotation(list)) stack.Peek().Items.Add(list);
            }
            else
            {
                stack.Peek().Items.Add(ReadAtomOrString());
            }
        }
    }

    private SExpr ReadAtomOrString()
    {
        var start = _pos;
        if (_t[_pos] == '"') return ReadString();
        // Atoms (keywords, ids, numbers, and the reserved tokens annotations may hold, like ',' or ';')
        // end at whitespace, parentheses, a string, or a line comment.
        while (_pos < _t.Length && !IsDelimiter(_t[_pos]) && !(_t[_pos] == ';' && _pos + 1 < _t.Length && _t[_pos + 1] == ';')) _pos++;
        if (_pos == start) throw _src.Error(start, $"unexpected character '{_t[start]}'");
        return new SAtom(_t[start.._pos], start, _pos);
    }

    private bool IsAnnotation(SList l) => l.Start + 1 < _t.Length && _t[l.Start + 1] == '@';

    private static bool IsDelimiter(char c) => c is ' ' or '\t' or '\n' or '\r' or '(' or ')' or '"';

    private SString ReadString()
    {
        var start = _pos;
        _pos++; // opening quote
        var bytes = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        while (true)
        {
            if (_pos >= _t.Length) throw _src.Error(start, "unterminated string literal");
            var c = _t[_pos];
            if (c == '"') { _pos++; break; }
            if (c == '\n') throw _src.Error(start, "unterminated string literal (newline inside a string)");
            if (c == '\\')
            {
                var escStart = _pos;
                _pos++;
                if (_pos >= _t.Length) throw _src.Error(escStart, "unterminated escape sequence");
                var e = _t[_pos];
                switch (e)
                {
                    case 't': bytes.Add((byte)'\t'); _pos++; break;
                    case 'n': bytes.Add((byte)'\n'); _pos++; break;
                    case 'r': bytes.Add((byte)'\r'); _pos++; break;
                    case '"': bytes.Add((byte)'"'); _pos++; break;
                    case '\'': bytes.Add((byte)'\''); _pos++; break;
                    case '\\': bytes.Add((byte)'\\'); _pos++; break;
                    case 'u':
                    {
                        _pos++;
                        if (_pos >= _t.Length || _t[_pos] != '{') throw _src.Error(escStart, "malformed \\u escape: expected \\u{hex}");
                        _pos++;
                        var hexStart = _pos;
                        long cp = 0;
                        while (_pos < _t.Length && (Uri.IsHexDigit(_t[_pos]) || _t[_pos] == '_'))
                        {
                            if (_t[_pos] != '_') cp = cp * 16 + HexValue(_t[_pos]);
                            if (cp > 0x10FFFF) throw _src.Error(escStart, "\\u escape out of the Unicode range");
                            _pos++;
                        }
                        if (_pos == hexStart || _pos >= _t.Length || _t[_pos] != '}') throw _src.Error(escStart, "malformed \\u escape: expected \\u{hex}");
                        _pos++;
                        if (cp is >= 0xD800 and <= 0xDFFF) throw _src.Error(escStart, "\\u escape names a surrogate code point");
                        var n = new Rune((int)cp).EncodeToUtf8(utf8);
                        for (var i = 0; i < n; i++) bytes.Add(utf8[i]);
                        break;
                    }
                    default:
                        if (_pos + 1 < _t.Length && Uri.IsHexDigit(e) && Uri.IsHexDigit(_t[_pos + 1]))
                        {
                            bytes.Add((byte)(HexValue(e) * 16 + HexValue(_t[_pos + 1])));
                            _pos += 2;
                            break;
                        }
                        throw _src.Error(escStart, $"unknown escape sequence '\\{e}'");
                }
                continue;
            }
            if (c < 0x20 && c != '\t' || c == 0x7f) throw _src.Error(_pos, $"control character U+{(int)c:X4} inside a string literal");
            // Ordinary character: its UTF-8 bytes (a surrogate pair is one code point).
            if (Rune.DecodeFromUtf16(_t.AsSpan(_pos), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
                throw _src.Error(_pos, "invalid UTF-16 sequence in string literal");
            var len = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < len; i++) bytes.Add(utf8[i]);
            _pos += consumed;
        }
        return new SString(bytes.ToArray(), start, _pos);
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private void SkipTrivia()
    {
        while (_pos < _t.Length)
        {
            var c = _t[_pos];
            if (c is ' ' or '\t' or '\n' or '\r') { _pos++; continue; }
            if (c == ';' && _pos + 1 < _t.Length && _t[_pos + 1] == ';')
            {
                var nl = _t.IndexOf('\n', _pos);
                _pos = nl < 0 ? _t.Length : nl + 1;
                continue;
            }
            if (c == '(' && _pos + 1 < _t.Length && _t[_pos + 1] == ';')
            {
                SkipBlockComment();
                continue;
            }
            return;
        }
    }

    private void SkipBlockComment()
    {
        var start = _pos;
        var depth = 0;
        while (_pos < _t.Length)
        {
            if (_t[_pos] == '(' && _pos + 1 < _t.Length && _t[_pos + 1] == ';') { depth++; _pos += 2; continue; }
            if (_t[_pos] == ';' && _pos + 1 < _t.Length && _t[_pos + 1] == ')')
            {
                depth--;
                _pos += 2;
                if (depth == 0) return;
                continue;
            }
            _pos++;
        }
        throw _src.Error(start, "unterminated block comment '(;' (missing ';)')");
    }
}
