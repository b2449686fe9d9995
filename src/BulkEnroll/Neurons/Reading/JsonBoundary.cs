using System;
using System.Runtime.CompilerServices;
using BulkEnroll.Runtime;

namespace BulkEnroll.Neurons.Reading;

/// <summary>
/// Where a JSON value ends in bytes that may hold only its beginning (an answer still arriving). It only finds the
/// end; <see cref="JsonCursor"/> then reads and checks the value.
/// </summary>
internal static class JsonBoundary
{
    /// <summary>
    /// The index just past the value that starts at <paramref name="start"/> (not whitespace), or -1 when its end has
    /// not arrived yet. <paramref name="final"/>: nothing follows these bytes, so a number or literal ends with them.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    public static int End(ReadOnlySpan<byte> json, int start, bool final)
    {
        byte first = json[start];
        switch (first)
        {
            case (byte)'"':
                return StringEnd(json, start + 1);
            case (byte)'{':
                return NestedEnd(json, start, (byte)'{', (byte)'}');
            case (byte)'[':
                return NestedEnd(json, start, (byte)'[', (byte)']');
            default:
                int i = start;
                while (i < json.Length && !EndsScalar(json[i]))
                {
                    i++;
                }

                return i < json.Length || final ? i : -1;
        }
    }

    /// <summary>
    /// Counts only the opener's kind of bracket (and skips strings): that is enough to find where a well-formed value
    /// ends, and a badly nested one is refused by the cursor that reads it.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    private static int NestedEnd(ReadOnlySpan<byte> json, int start, byte open, byte close)
    {
        int depth = 0;
        int i = start;
        while (true)
        {
            int next = json.Slice(i).IndexOfAny((byte)'"', open, close);
            if (next < 0)
            {
                return -1;
            }

            i += next;
            if (json[i] == (byte)'"')
            {
                i = StringEnd(json, i + 1);
                if (i < 0)
                {
                    return -1;
                }

                continue;
            }

            depth += json[i] == open ? 1 : -1;
            i++;
            if (depth == 0)
            {
                return i;
            }
        }
    }

    /// <summary>Just past the closing quote of the string whose text starts at <paramref name="from"/>; -1 if it has not arrived.</summary>
    [MethodImpl(HotPath.Optimized)]
    private static int StringEnd(ReadOnlySpan<byte> json, int from)
    {
        int i = from;
        while (i < json.Length)
        {
            int next = json.Slice(i).IndexOfAny((byte)'"', (byte)'\\');
            if (next < 0)
            {
                return -1;
            }

            i += next;
            if (json[i] == (byte)'"')
            {
                return i + 1;
            }

            i += 2; // an escape: whatever it escapes is not the end
        }

        return -1;
    }

    private static bool EndsScalar(byte b)
        => b == (byte)',' || b == (byte)'}' || b == (byte)']' || JsonBytes.IsWhitespace(b);
}
