using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace BulkEnroll.Packaging.Tests;

/// <summary>
/// Seeded, byte-level damage of the kinds a fuzzer or an attacker produces: bit flips, truncation, edited length
/// and offset fields, duplicated, deleted and repeated ranges, and deep nesting. One seed always gives the same file.
/// </summary>
internal static class PackageMutator
{
    private static readonly ulong[] InterestingValues =
    {
        0, 1, 2, 7, 8, 50, 208, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
        0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000, 0x7FFFFFFFFFFFFFFF, ulong.MaxValue,
    };

    public static byte[] Mutate(byte[] original, Random random, bool isWim)
    {
        byte[] data = original;
        int operations = 1 + random.Next(3);
        for (int i = 0; i < operations; i++)
        {
            data = random.Next(7) switch
            {
                0 => FlipBits(data, random),
                1 => Truncate(data, random),
                2 => EditField(data, random, isWim),
                3 => DuplicateRange(data, random),
                4 => DeleteRange(data, random),
                5 => RepeatRange(data, random),
                _ => isWim ? NestImageXml(data, random) : Nest(data, random),
            };
        }

        return data;
    }

    private static byte[] FlipBits(byte[] data, Random random)
    {
        byte[] result = (byte[])data.Clone();
        int flips = 1 + random.Next(8);
        for (int i = 0; i < flips && result.Length > 0; i++)
        {
            result[random.Next(result.Length)] ^= (byte)(1 << random.Next(8));
        }

        return result;
    }

    private static byte[] Truncate(byte[] data, Random random) => data.AsSpan(0, random.Next(data.Length + 1)).ToArray();

    /// <summary>A 2-, 4- or 8-byte little-endian field overwritten with a boundary value, a near value or noise.</summary>
    private static byte[] EditField(byte[] data, Random random, bool isWim)
    {
        if (data.Length < 8)
        {
            return data;
        }

        byte[] result = (byte[])data.Clone();

        // WIM headers hold most of the sizes and offsets: aim there half of the time.
        int limit = isWim && random.Next(2) == 0 ? Math.Min(result.Length, 208) : result.Length;
        int width = new[] { 2, 4, 8 }[random.Next(3)];
        int at = random.Next(Math.Max(1, (limit - width) / width + 1)) * width;
        if (at + width > result.Length)
        {
            return result;
        }

        ulong current = BinaryPrimitives.ReadUInt64LittleEndian(Pad(result, at));
        ulong value = random.Next(3) switch
        {
            0 => InterestingValues[random.Next(InterestingValues.Length)],
            1 => current + (ulong)(random.Next(33) - 16),
            _ => (ulong)random.Next() * (ulong)random.Next(),
        };
        for (int i = 0; i < width; i++)
        {
            result[at + i] = (byte)(value >> (8 * i));
        }

        return result;
    }

    private static byte[] DuplicateRange(byte[] data, Random random)
    {
        if (data.Length == 0)
        {
            return data;
        }

        int start = random.Next(data.Length);
        int length = 1 + random.Next(Math.Min(data.Length - start, 4096));
        int insertAt = random.Next(data.Length + 1);
        return data.Take(insertAt).Concat(data.Skip(start).Take(length)).Concat(data.Skip(insertAt)).ToArray();
    }

    private static byte[] DeleteRange(byte[] data, Random random)
    {
        if (data.Length == 0)
        {
            return data;
        }

        int start = random.Next(data.Length);
        int length = 1 + random.Next(Math.Min(data.Length - start, 512));
        return data.Take(start).Concat(data.Skip(start + length)).ToArray();
    }

    /// <summary>One range repeated many times in place, as in a file with many duplicated entries or elements.</summary>
    private static byte[] RepeatRange(byte[] data, Random random)
    {
        if (data.Length == 0)
        {
            return data;
        }

        int start = random.Next(data.Length);
        int length = 1 + random.Next(Math.Min(data.Length - start, 256));
        int times = 2 + random.Next(200);
        var result = new List<byte>(data.Length + (length * times));
        result.AddRange(data.Take(start + length));
        for (int i = 0; i < times; i++)
        {
            result.AddRange(data.Skip(start).Take(length));
        }

        result.AddRange(data.Skip(start + length));
        return result.ToArray();
    }

    /// <summary>Deeply nested elements inserted before a random tag of an XML file.</summary>
    private static byte[] Nest(byte[] data, Random random)
    {
        int[] tags = Enumerable.Range(0, data.Length).Where(i => data[i] == (byte)'<').ToArray();
        if (tags.Length == 0)
        {
            return data;
        }

        int at = tags[random.Next(tags.Length)];
        int depth = 10 + random.Next(5000);
        byte[] open = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<n>", depth)));
        byte[] close = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("</n>", random.Next(2) == 0 ? depth : random.Next(depth))));
        return data.Take(at).Concat(open).Concat(close).Concat(data.Skip(at)).ToArray();
    }

    /// <summary>The image XML replaced by one nested deeply (or, now and then, just within the limit).</summary>
    private static byte[] NestImageXml(byte[] data, Random random) =>
        data.Length < 208 ? data : HostilePackages.WithImageXml(data, HostilePackages.DeepImageXml(random.Next(2) == 0 ? 60 : 10 + random.Next(5000)));

    private static ReadOnlySpan<byte> Pad(byte[] data, int at)
    {
        var padded = new byte[8];
        data.AsSpan(at, Math.Min(8, data.Length - at)).CopyTo(padded);
        return padded;
    }
}
