using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using BulkEnroll.Runtime;

namespace BulkEnroll.Neurons.Reading;

/// <summary>
/// Reads JSON (RFC 8259) over bytes that hold the whole value being read, validating as it goes. It exists for
/// the device pages a listing reads by the hundred (<see cref="DevicePageReader"/>): every method here is compiled
/// optimized at its first call (<see cref="HotPath"/>), where the runtime's own JSON reader runs unoptimized or
/// instrumented code for the first hundred pages or so of a new PowerShell session (measured: 16 to 20 ms per
/// 500-device page against 2.5 once optimized; README "Measured figures").
/// </summary>
internal ref struct JsonCursor
{
    private const int MaxDepth = 64;

    /// <summary>Refuses bytes that are not UTF-8, as the serializer does, rather than reading them as U+FFFD.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _json;
    private int _position;

    public JsonCursor(ReadOnlySpan<byte> json)
    {
        _json = json;
        _position = 0;
    }

    /// <summary>How many bytes have been read.</summary>
    public int Position => _position;

    /// <summary>Whether only whitespace is left.</summary>
    public bool AtEnd
    {
        [MethodImpl(HotPath.Optimized)]
        get
        {
            SkipWhitespace();
            return _position >= _json.Length;
        }
    }

    /// <summary>The next byte that is not whitespace, not consumed.</summary>
    [MethodImpl(HotPath.Optimized)]
    public byte Peek()
    {
        SkipWhitespace();
        return _position < _json.Length ? _json[_position] : throw Ends();
    }

    [MethodImpl(HotPath.Optimized)]
    public void Expect(byte expected)
    {
        if (Peek() != expected)
        {
            throw Unexpected($"'{(char)expected}'");
        }

        _position++;
    }

    /// <summary>Consumes <paramref name="expected"/> if it is the next byte that is not whitespace.</summary>
    [MethodImpl(HotPath.Optimized)]
    public bool TryConsume(byte expected)
    {
        if (Peek() != expected)
        {
            return false;
        }

        _position++;
        return true;
    }

    /// <summary>
    /// Starts reading an object's members: true if it has one (the cursor is then on its name), false for <c>{}</c>.
    /// After each member, <see cref="NextMember"/>.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    public bool FirstMember(string what)
    {
        if (Peek() != (byte)'{')
        {
            throw Unexpected($"{what} as a JSON object");
        }

        _position++;
        return !TryConsume((byte)'}');
    }

    /// <summary>After a member's value: true if another member follows, false at the object's end.</summary>
    [MethodImpl(HotPath.Optimized)]
    public bool NextMember()
    {
        if (TryConsume((byte)','))
        {
            return true;
        }

        Expect((byte)'}');
        return false;
    }

    /// <summary>A member's name, as UTF-8 (unescaped, into a new array, in the rare name with escapes), and the colon after it; the cursor is then on the value.</summary>
    [MethodImpl(HotPath.Optimized)]
    public ReadOnlySpan<byte> ReadName()
    {
        if (Peek() != (byte)'"')
        {
            throw Unexpected("a member's name");
        }

        ReadOnlySpan<byte> raw = ReadStringBytes(out bool escaped);
        Expect((byte)':');
        if (!escaped)
        {
            return raw;
        }

        byte[] unescaped = new byte[raw.Length];
        return new ReadOnlySpan<byte>(unescaped, 0, Unescape(raw, unescaped));
    }

    /// <summary>Whether <paramref name="name"/> is <paramref name="lowerCase"/> in any ASCII case (the API's names are ASCII letters).</summary>
    [MethodImpl(HotPath.Optimized)]
    public static bool NameIs(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lowerCase)
    {
        if (name.Length != lowerCase.Length)
        {
            return false;
        }

        for (int i = 0; i < name.Length; i++)
        {
            // | 0x20 folds A-Z onto a-z and maps nothing else onto a lower-case letter.
            if ((name[i] | 0x20) != lowerCase[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads a <c>null</c> if one comes next.</summary>
    [MethodImpl(HotPath.Optimized)]
    public bool TryReadNull()
    {
        if (Peek() != (byte)'n')
        {
            return false;
        }

        ReadLiteral("null"u8);
        return true;
    }

    [MethodImpl(HotPath.Optimized)]
    public string? ReadStringOrNull() => ReadStringOrNull(null);

    /// <summary>A string or null; a text <paramref name="pool"/> has seen before comes back as the same string.</summary>
    [MethodImpl(HotPath.Optimized)]
    public string? ReadStringOrNull(StringPool? pool)
    {
        if (TryReadNull())
        {
            return null;
        }

        if (Peek() != (byte)'"')
        {
            throw Unexpected("a string or null");
        }

        ReadOnlySpan<byte> raw = ReadStringBytes(out bool escaped);
        return escaped ? UnescapedString(raw) : pool != null ? pool.Get(raw) : Utf8(raw);
    }

    /// <summary>A whole number, also given as a string (as <see cref="Json.Options"/> reads them), or null.</summary>
    [MethodImpl(HotPath.Optimized)]
    public long? ReadInt64OrNull()
    {
        if (TryReadNull())
        {
            return null;
        }

        if (Peek() == (byte)'"')
        {
            ReadOnlySpan<byte> raw = ReadStringBytes(out bool escaped);
            string text = escaped ? UnescapedString(raw) : Utf8(raw);
            return long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long parsed)
                ? parsed
                : throw new JsonException($"'{text}' is not a whole number.");
        }

        ReadOnlySpan<byte> number = ReadNumberBytes();
        return TryParseWhole(number, out long value)
            ? value
            : throw new JsonException($"{Encoding.UTF8.GetString(number.ToArray())} is not a whole number in range.");
    }

    /// <summary>A JSON number (its grammar already checked) that is whole and fits a long: an optional minus and digits only.</summary>
    [MethodImpl(HotPath.Optimized)]
    private static bool TryParseWhole(ReadOnlySpan<byte> number, out long value)
    {
        value = 0;
        bool negative = number.Length > 0 && number[0] == (byte)'-';
        int first = negative ? 1 : 0;
        // JSON numbers have no leading zeros: more than 19 digits is past long's range, and 19 fit a ulong.
        if (number.Length == first || number.Length - first > 19)
        {
            return false;
        }

        ulong whole = 0;
        for (int i = first; i < number.Length; i++)
        {
            uint digit = (uint)(number[i] - (byte)'0');
            if (digit > 9)
            {
                return false; // a fraction or an exponent
            }

            whole = (whole * 10) + digit;
        }

        if (whole > (negative ? (ulong)long.MaxValue + 1 : long.MaxValue))
        {
            return false;
        }

        value = unchecked(negative ? (long)(0 - whole) : (long)whole);
        return true;
    }

    /// <summary>Skips the next value, whatever it is, checking it is well-formed JSON.</summary>
    [MethodImpl(HotPath.Optimized)]
    public void SkipValue() => SkipValue(0);

    [MethodImpl(HotPath.Optimized)]
    private void SkipValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonException($"The answer nests deeper than {MaxDepth} levels.");
        }

        switch (Peek())
        {
            case (byte)'{':
                if (FirstMember("a value"))
                {
                    do
                    {
                        ReadName();
                        SkipValue(depth + 1);
                    }
                    while (NextMember());
                }

                return;
            case (byte)'[':
                _position++;
                if (!TryConsume((byte)']'))
                {
                    do
                    {
                        SkipValue(depth + 1);
                    }
                    while (TryConsume((byte)','));

                    Expect((byte)']');
                }

                return;
            case (byte)'"':
                ReadStringBytes(out _);
                return;
            case (byte)'t':
                ReadLiteral("true"u8);
                return;
            case (byte)'f':
                ReadLiteral("false"u8);
                return;
            case (byte)'n':
                ReadLiteral("null"u8);
                return;
            default:
                ReadNumberBytes();
                return;
        }
    }

    [MethodImpl(HotPath.Optimized)]
    private void SkipWhitespace()
    {
        // Most calls find none: one test of the next byte ('"', '{', a digit, ...) and out.
        while (_position < _json.Length && _json[_position] <= (byte)' ' && JsonBytes.IsWhitespace(_json[_position]))
        {
            _position++;
        }
    }

    private void ReadLiteral(ReadOnlySpan<byte> literal)
    {
        if (!_json.Slice(_position).StartsWith(literal))
        {
            throw Unexpected(Encoding.UTF8.GetString(literal.ToArray()));
        }

        _position += literal.Length;
    }

    /// <summary>The bytes between the quotes, checked (escapes well-formed, no control characters); the cursor moves past the closing quote.</summary>
    [MethodImpl(HotPath.Optimized)]
    private ReadOnlySpan<byte> ReadStringBytes(out bool escaped)
    {
        int start = ++_position;
        escaped = false;
        int i = start;
        while (true)
        {
            if (i >= _json.Length)
            {
                throw Ends();
            }

            byte b = _json[i];
            // One table lookup per byte of text: only '"', '\\' and control characters stop it.
            if (!JsonBytes.StopsString[b])
            {
                i++;
                continue;
            }

            if (b == (byte)'"')
            {
                break;
            }

            if (b == (byte)'\\')
            {
                escaped = true;
                i += EscapeLength(_json, i);
                continue;
            }

            throw new JsonException($"A string holds a raw control character (0x{b:X2}); JSON escapes them.");
        }

        _position = i + 1;
        return _json.Slice(start, i - start);
    }

    /// <summary>How many bytes the escape at <paramref name="at"/> takes, checked.</summary>
    private static int EscapeLength(ReadOnlySpan<byte> json, int at)
    {
        if (at + 1 >= json.Length)
        {
            throw Ends();
        }

        switch (json[at + 1])
        {
            case (byte)'"':
            case (byte)'\\':
            case (byte)'/':
            case (byte)'b':
            case (byte)'f':
            case (byte)'n':
            case (byte)'r':
            case (byte)'t':
                return 2;
            case (byte)'u':
                if (at + 6 > json.Length)
                {
                    throw Ends();
                }

                for (int h = at + 2; h < at + 6; h++)
                {
                    if (HexValue(json[h]) < 0)
                    {
                        throw new JsonException("\\u must be followed by four hex digits.");
                    }
                }

                return 6;
            default:
                throw new JsonException($"'\\{(char)json[at + 1]}' is not a JSON escape.");
        }
    }

    [MethodImpl(HotPath.Optimized)]
    private ReadOnlySpan<byte> ReadNumberBytes()
    {
        int start = _position;
        int i = start;
        if (i < _json.Length && _json[i] == (byte)'-')
        {
            i++;
        }

        if (i < _json.Length && _json[i] == (byte)'0')
        {
            i++;
        }
        else
        {
            i = Digits(i, "a value");
        }

        if (i < _json.Length && _json[i] == (byte)'.')
        {
            i = Digits(i + 1, "digits after a decimal point");
        }

        if (i < _json.Length && (_json[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < _json.Length && (_json[i] == (byte)'+' || _json[i] == (byte)'-'))
            {
                i++;
            }

            i = Digits(i, "an exponent's digits");
        }

        _position = i;
        return _json.Slice(start, i - start);
    }

    [MethodImpl(HotPath.Optimized)]
    private int Digits(int from, string what)
    {
        int i = from;
        while (i < _json.Length && _json[i] >= (byte)'0' && _json[i] <= (byte)'9')
        {
            i++;
        }

        if (i == from)
        {
            _position = from;
            throw Unexpected(what);
        }

        return i;
    }

    /// <summary>The text of a JSON string's bytes that hold no escapes; bytes that are not UTF-8 are refused, as the serializer refuses them.</summary>
    [MethodImpl(HotPath.Optimized)]
    internal static string Utf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        unsafe
        {
            fixed (byte* first = bytes)
            {
                // Most text is ASCII: widened here, byte by byte, in code compiled optimized, into a string just
                // made that nothing else holds yet (netstandard2.0 has no string.Create). The runtime's decoder, which
                // a PowerShell session keeps in its instrumented, slower form, reads the rest (that string is dropped).
                string text = new string('\0', bytes.Length);
                fixed (char* into = text)
                {
                    int i = 0;
                    while (i < bytes.Length && first[i] < 0x80)
                    {
                        into[i] = (char)first[i];
                        i++;
                    }

                    if (i == bytes.Length)
                    {
                        return text;
                    }
                }

                try
                {
                    return StrictUtf8.GetString(first, bytes.Length);
                }
                catch (DecoderFallbackException e)
                {
                    throw new JsonException("A string is not valid UTF-8.", e);
                }
            }
        }
    }

    private static string UnescapedString(ReadOnlySpan<byte> raw)
    {
        // Unescaped text is never longer than its escaped form.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            return Utf8(buffer.AsSpan(0, Unescape(raw, buffer)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes <paramref name="raw"/> (a string's checked bytes) unescaped, as UTF-8, into <paramref name="into"/>; returns the length.</summary>
    private static int Unescape(ReadOnlySpan<byte> raw, Span<byte> into)
    {
        int written = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            byte b = raw[i];
            if (b != (byte)'\\')
            {
                into[written++] = b;
                continue;
            }

            byte kind = raw[++i];
            if (kind != (byte)'u')
            {
                into[written++] = kind switch
                {
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    (byte)'n' => (byte)'\n',
                    (byte)'r' => (byte)'\r',
                    (byte)'t' => (byte)'\t',
                    _ => kind, // " \ /
                };
                continue;
            }

            int code = Hex4(raw, i + 1);
            i += 4;
            // A surrogate pair is two escapes; half of one is refused, as the serializer refuses it.
            if (code >= 0xD800 && code <= 0xDBFF && i + 6 < raw.Length && raw[i + 1] == (byte)'\\' && raw[i + 2] == (byte)'u')
            {
                int low = Hex4(raw, i + 3);
                if (low >= 0xDC00 && low <= 0xDFFF)
                {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    i += 6;
                }
            }

            if (code >= 0xD800 && code <= 0xDFFF)
            {
                throw new JsonException("A string holds half of a surrogate pair (\\u" + code.ToString("X4") + "); JSON text must be whole UTF-16.");
            }

            written += WriteUtf8(code, into.Slice(written));
        }

        return written;
    }

    private static int Hex4(ReadOnlySpan<byte> raw, int at)
        => (HexValue(raw[at]) << 12) | (HexValue(raw[at + 1]) << 8) | (HexValue(raw[at + 2]) << 4) | HexValue(raw[at + 3]);

    private static int HexValue(byte b)
        => b >= (byte)'0' && b <= (byte)'9' ? b - '0'
            : (b | 0x20) >= (byte)'a' && (b | 0x20) <= (byte)'f' ? (b | 0x20) - 'a' + 10
            : -1;

    private static int WriteUtf8(int code, Span<byte> into)
    {
        if (code < 0x80)
        {
            into[0] = (byte)code;
            return 1;
        }

        if (code < 0x800)
        {
            into[0] = (byte)(0xC0 | (code >> 6));
            into[1] = (byte)(0x80 | (code & 0x3F));
            return 2;
        }

        if (code < 0x10000)
        {
            into[0] = (byte)(0xE0 | (code >> 12));
            into[1] = (byte)(0x80 | ((code >> 6) & 0x3F));
            into[2] = (byte)(0x80 | (code & 0x3F));
            return 3;
        }

        into[0] = (byte)(0xF0 | (code >> 18));
        into[1] = (byte)(0x80 | ((code >> 12) & 0x3F));
        into[2] = (byte)(0x80 | ((code >> 6) & 0x3F));
        into[3] = (byte)(0x80 | (code & 0x3F));
        return 4;
    }

    /// <summary>The bytes stop inside a value: the answer was cut short.</summary>
    internal static JsonException Ends() => new JsonException("The answer ends in the middle of its JSON.");

    private JsonException Unexpected(string expected)
    {
        string found = _position < _json.Length ? $"'{(char)_json[_position]}'" : "the end";
        return new JsonException($"Expected {expected}, found {found}.");
    }
}
