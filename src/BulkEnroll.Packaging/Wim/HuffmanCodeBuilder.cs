using System;

namespace BulkEnroll.Packaging.Wim;

/// <summary>
/// Length-limited canonical Huffman codes for the XPRESS encoder. Reusable, not thread-safe:
/// each compressing thread owns one.
/// </summary>
internal sealed class HuffmanCodeBuilder
{
    private readonly long[] _sortKeys;
    private readonly int[] _weights;
    private readonly int[] _nodeWeight;
    private readonly int[] _parent;
    private readonly int[] _depth;

    public HuffmanCodeBuilder(int symbolCount)
    {
        _sortKeys = new long[symbolCount];
        _weights = new int[symbolCount];
        _nodeWeight = new int[2 * symbolCount];
        _parent = new int[2 * symbolCount];
        _depth = new int[2 * symbolCount];
    }

    /// <summary>Code lengths for <paramref name="frequencies"/>, none longer than <paramref name="maxLength"/>; unused symbols get 0.</summary>
    public void BuildLengths(ReadOnlySpan<int> frequencies, Span<byte> lengths, int maxLength)
    {
        lengths.Clear();
        frequencies.CopyTo(_weights);
        while (!TryBuildLengths(frequencies.Length, lengths, maxLength))
        {
            // Flattening the distribution shortens the longest codes; a few rounds always suffice
            // because equal weights give a balanced tree of depth log2(512) = 9.
            for (int i = 0; i < frequencies.Length; i++)
            {
                if (_weights[i] > 0)
                {
                    _weights[i] = (_weights[i] + 1) >> 1;
                }
            }
        }
    }

    /// <summary>Canonical codes: shorter codes first, and within one length in increasing symbol order.</summary>
    public static void AssignCodes(ReadOnlySpan<byte> lengths, Span<ushort> codes, int maxLength)
    {
        Span<int> lengthCount = stackalloc int[maxLength + 1];
        Span<int> nextCode = stackalloc int[maxLength + 1];
        for (int i = 0; i < lengths.Length; i++)
        {
            lengthCount[lengths[i]]++;
        }

        lengthCount[0] = 0;
        int code = 0;
        for (int length = 1; length <= maxLength; length++)
        {
            code = (code + lengthCount[length - 1]) << 1;
            nextCode[length] = code;
        }

        for (int symbol = 0; symbol < lengths.Length; symbol++)
        {
            int length = lengths[symbol];
            codes[symbol] = length == 0 ? (ushort)0 : (ushort)nextCode[length]++;
        }
    }

    private bool TryBuildLengths(int symbolCount, Span<byte> lengths, int maxLength)
    {
        int leafCount = 0;
        for (int symbol = 0; symbol < symbolCount; symbol++)
        {
            if (_weights[symbol] > 0)
            {
                _sortKeys[leafCount++] = ((long)_weights[symbol] << 16) | (uint)symbol;
            }
        }

        if (leafCount == 0)
        {
            return true;
        }

        if (leafCount == 1)
        {
            lengths[(int)(_sortKeys[0] & 0xFFFF)] = 1;
            return true;
        }

        Array.Sort(_sortKeys, 0, leafCount);
        for (int i = 0; i < leafCount; i++)
        {
            _nodeWeight[i] = (int)(_sortKeys[i] >> 16);
        }

        // Two-queue construction: leaves are sorted, and merged nodes come out in non-decreasing weight order.
        int nextLeaf = 0;
        int nextMerged = leafCount;
        int created = leafCount;
        for (int step = 0; step < leafCount - 1; step++)
        {
            int first = TakeLightest(ref nextLeaf, leafCount, ref nextMerged, created);
            int second = TakeLightest(ref nextLeaf, leafCount, ref nextMerged, created);
            _nodeWeight[created] = _nodeWeight[first] + _nodeWeight[second];
            _parent[first] = created;
            _parent[second] = created;
            created++;
        }

        int root = created - 1;
        _depth[root] = 0;
        int maxDepth = 0;
        for (int node = root - 1; node >= 0; node--)
        {
            // A parent is always created after its children, so its depth is already known.
            _depth[node] = _depth[_parent[node]] + 1;
            if (node < leafCount && _depth[node] > maxDepth)
            {
                maxDepth = _depth[node];
            }
        }

        if (maxDepth > maxLength)
        {
            return false;
        }

        for (int i = 0; i < leafCount; i++)
        {
            lengths[(int)(_sortKeys[i] & 0xFFFF)] = (byte)_depth[i];
        }

        return true;
    }

    private int TakeLightest(ref int nextLeaf, int leafCount, ref int nextMerged, int created)
    {
        if (nextLeaf < leafCount && (nextMerged >= created || _nodeWeight[nextLeaf] <= _nodeWeight[nextMerged]))
        {
            return nextLeaf++;
        }

        return nextMerged++;
    }
}
