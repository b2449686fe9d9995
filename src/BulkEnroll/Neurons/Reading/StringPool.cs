using System;
using System.Runtime.CompilerServices;
using BulkEnroll.Runtime;

namespace BulkEnroll.Neurons.Reading;

/// <summary>
/// One string for each text that repeats through a page: the model, manufacturer, OS build, state and device space
/// of 500 devices are a handful of values, and the generic user owns most devices of a bulk fleet. A text seen
/// before costs a hash and a comparison of its bytes instead of a new string and its decoding (measured in a real
/// pwsh, one core, 5,215 devices listed: 13.2 to 8.6 MB allocated and about 15% less CPU per listing). Holds at most
/// <see cref="Capacity"/> texts; once full, new texts are made as usual, so a page of all-different values costs
/// little more than before. Not thread-safe: one per page being read.
/// </summary>
internal sealed class StringPool
{
    /// <summary>Texts longer than this are rarely repeated (and cost more to compare than to make).</summary>
    public const int MaxLength = 96;

    private const int Capacity = 128;
    private const int Slots = 2 * Capacity; // half full at most: probes stay short

    private readonly Entry[] _entries = new Entry[Slots];
    private int _count;

    private struct Entry
    {
        public byte[]? Utf8;
        public string Text;
        public int Hash;
    }

    /// <summary>The string for the bytes of a JSON string without escapes: the one made before, or a new one (which refuses bytes that are not UTF-8).</summary>
    [MethodImpl(HotPath.Optimized)]
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return JsonCursor.Utf8(utf8);
        }

        int hash = Hash(utf8);
        int slot = hash & (Slots - 1);
        while (true)
        {
            ref Entry entry = ref _entries[slot];
            if (entry.Utf8 == null)
            {
                string text = JsonCursor.Utf8(utf8);
                if (_count < Capacity)
                {
                    entry.Utf8 = utf8.ToArray();
                    entry.Text = text;
                    entry.Hash = hash;
                    _count++;
                }

                return text;
            }

            if (entry.Hash == hash && SameBytes(utf8, entry.Utf8))
            {
                return entry.Text;
            }

            slot = (slot + 1) & (Slots - 1);
        }
    }

    /// <summary>Compared here rather than by the runtime's SequenceEqual, which a PowerShell session runs in its instrumented, slower form.</summary>
    [MethodImpl(HotPath.Optimized)]
    private static bool SameBytes(ReadOnlySpan<byte> utf8, byte[] kept)
    {
        if (utf8.Length != kept.Length)
        {
            return false;
        }

        for (int i = 0; i < kept.Length; i++)
        {
            if (utf8[i] != kept[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>FNV-1a: the texts are short, and who sends the page cannot make us do more than a full table allows.</summary>
    [MethodImpl(HotPath.Optimized)]
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        uint hash = 2166136261;
        foreach (byte b in utf8)
        {
            hash = (hash ^ b) * 16777619;
        }

        return (int)hash;
    }
}
