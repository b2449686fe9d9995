namespace BulkEnroll.Neurons.Reading;

/// <summary>Byte classes of JSON text, as tables: one lookup per byte in the loops that read the most bytes.</summary>
internal static class JsonBytes
{
    /// <summary>Bytes that end a run of plain text inside a string: the closing quote, an escape, a raw control character.</summary>
    public static readonly bool[] StopsString = StringStops();

    /// <summary>The four bytes JSON allows between tokens.</summary>
    public static bool IsWhitespace(byte b) => b == (byte)' ' || b == (byte)'\n' || b == (byte)'\r' || b == (byte)'\t';

    private static bool[] StringStops()
    {
        var stops = new bool[256];
        for (int b = 0; b < 0x20; b++)
        {
            stops[b] = true;
        }

        stops['"'] = true;
        stops['\\'] = true;
        return stops;
    }
}
