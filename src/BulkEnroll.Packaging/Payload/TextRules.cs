namespace BulkEnroll.Packaging.Payload;

/// <summary>Character rules shared by validation and the writers.</summary>
internal static class TextRules
{
    /// <summary>
    /// True when the text holds a control character (including tab and line breaks, which XML would
    /// normalise and so not round-trip), a lone surrogate or a non-character, none of which a setting value
    /// can carry through customizations.xml and provxml unchanged.
    /// </summary>
    public static bool HasUnsafeCharacter(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x20 || c == 0x7F || c == 0xFFFE || c == 0xFFFF)
            {
                return true;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return true;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsAsciiLetterOrDigit(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

    public static bool IsHexDigit(char c) => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');

    /// <summary>User input echoed in a message, with control characters shown as '?' so that none reaches the console.</summary>
    public static string Printable(string text)
    {
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (chars[i] < 0x20 || chars[i] == 0x7F)
            {
                chars[i] = '?';
            }
        }

        return new string(chars);
    }

    /// <summary>Longest user text a message quotes whole; hostile files carry megabytes, and messages repeat it.</summary>
    public const int MaxQuotedLength = 64;

    /// <summary><see cref="Printable"/>, shortened to <see cref="MaxQuotedLength"/> characters with an ellipsis.</summary>
    public static string Quote(string text) =>
        Printable(text.Length <= MaxQuotedLength ? text : text.Substring(0, MaxQuotedLength - 1) + "\u2026");

    /// <summary>How a character is named in a message: visible, but never a raw control character.</summary>
    public static string Describe(char c) => c switch
    {
        ' ' => "space",
        _ when c < 0x20 || c == 0x7F => $"U+{(int)c:X4}",
        _ => $"'{c}'",
    };
}
