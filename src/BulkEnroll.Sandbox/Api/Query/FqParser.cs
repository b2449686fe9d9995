namespace BulkEnroll.Sandbox.Api.Query;

/// <summary>Parses the <c>fq</c> filter language as public clients use it (docs/reference/ivanti-api.md#filters):
/// <c>field=value</c>, <c>FIELD EQ value</c>, <c>FIELD EQ 'value'</c>, <c>FIELD NEQ value</c> (and <c>!=</c>),
/// joined by <c>and</c>/<c>or</c> (any case; and binds tighter) with parentheses.</summary>
/// <remarks>A bare value runs to the next space or ')'; quote values that contain either. No prefix or
/// wildcard operator: none is documented [GAP], so the module must not rely on one.</remarks>
internal sealed class FqParser
{
    private readonly string _text;
    private int _pos;

    private FqParser(string text) => _text = text;

    /// <summary>Null for an empty filter; throws <see cref="FqSyntaxException"/> when malformed.</summary>
    public static FqExpression? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parser = new FqParser(text);
        var expression = parser.ParseOr();
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            throw parser.Error("unexpected text");
        }

        return expression;
    }

    private bool AtEnd => _pos >= _text.Length;
    private char Current => _text[_pos];

    private FqExpression ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or"))
        {
            left = new FqOr(left, ParseAnd());
        }

        return left;
    }

    private FqExpression ParseAnd()
    {
        var left = ParsePrimary();
        while (TryKeyword("and"))
        {
            left = new FqAnd(left, ParsePrimary());
        }

        return left;
    }

    private FqExpression ParsePrimary()
    {
        SkipSpace();
        if (AtEnd)
        {
            throw Error("expected a condition");
        }

        if (Current == '(')
        {
            _pos++;
            var inner = ParseOr();
            SkipSpace();
            if (AtEnd || Current != ')')
            {
                throw Error("expected ')'");
            }

            _pos++;
            return inner;
        }
        return ParseTerm();
    }

    private FqTerm ParseTerm()
    {
        int start = _pos;
        while (!AtEnd && (char.IsLetterOrDigit(Current) || Current is '_' or '.'))
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw Error("expected a field name");
        }

        string field = _text[start.._pos];

        SkipSpace();
        FqOperator op;
        if (!AtEnd && Current == '=') { _pos++; op = FqOperator.Equal; }
        else if (Match("!="))
        {
            op = FqOperator.NotEqual;
        }
        else if (TryKeyword("eq"))
        {
            op = FqOperator.Equal;
        }
        else if (TryKeyword("neq"))
        {
            op = FqOperator.NotEqual;
        }
        else
        {
            throw Error($"expected =, EQ or NEQ after '{field}'");
        }

        SkipSpace();
        return new FqTerm(field, op, ParseValue());
    }

    private string ParseValue()
    {
        if (AtEnd)
        {
            throw Error("expected a value");
        }

        if (Current is '\'' or '"')
        {
            char quote = Current;
            int close = _text.IndexOf(quote, _pos + 1);
            if (close < 0)
            {
                throw Error("unterminated quoted value");
            }

            string quoted = _text[(_pos + 1)..close];
            _pos = close + 1;
            return quoted;
        }
        int start = _pos;
        while (!AtEnd && !char.IsWhiteSpace(Current) && Current != ')' && Current != '(')
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw Error("expected a value");
        }

        return _text[start.._pos];
    }

    // A keyword counts only as a whole word: "order=1" is not "or".
    private bool TryKeyword(string word)
    {
        SkipSpace();
        int end = _pos + word.Length;
        if (end > _text.Length || string.Compare(_text, _pos, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return false;
        }

        if (end < _text.Length && !char.IsWhiteSpace(_text[end]) && _text[end] != '(' && _text[end] != '\'' && _text[end] != '"')
        {
            return false;
        }

        _pos = end;
        return true;
    }

    private bool Match(string symbol)
    {
        if (string.CompareOrdinal(_text, _pos, symbol, 0, symbol.Length) != 0)
        {
            return false;
        }

        _pos += symbol.Length;
        return true;
    }

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(Current))
        {
            _pos++;
        }
    }

    private FqSyntaxException Error(string what) => new($"{what} at position {_pos + 1}");
}
