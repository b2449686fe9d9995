using System;
using System.Collections.Generic;

namespace BulkEnroll.Assignment;

/// <summary>
/// The id and name of every Windows device of the space, read once per run (<see cref="SerialNameIndex"/>), so a
/// serial number's name fragments are matched here instead of by one <c>q=</c> search per row. Only what matching
/// needs is kept: ids, upper-cased names, and the position of each <see cref="GramLength"/>-character piece of a
/// name (hashed into buckets, one int per piece), so a fragment is compared with the few names sharing its rarest
/// piece rather than with the whole fleet. For 100,000 devices named like PAR-%SERIAL% (15 characters): ids 0.8 MB,
/// names about 5 MB, pieces 4 MB, buckets 0.25 MB. Devices added after the build (<see cref="AddNewer"/>: enrolled
/// during the run) are few and compared one by one. Thread-safe.
/// </summary>
internal sealed class DeviceNameIndex
{
    /// <summary>Pieces this long: a fragment holds at least one unless the whole serial is shorter (then every name is compared).</summary>
    private const int GramLength = 5;

    private const int BucketCount = 1 << 16;

    private readonly long[] _ids;
    private readonly string[] _names;
    private readonly int[] _bucketStart;
    private readonly int[] _postings;
    private readonly List<(long Id, string Name)> _newer = new List<(long Id, string Name)>();
    private readonly HashSet<long> _newerIds = new HashSet<long>();
    private readonly object _gate = new object();
    private readonly long _listedMaxId;
    private long _maxId;

    public DeviceNameIndex(IReadOnlyList<(long Id, string? Name)> devices)
    {
        _ids = new long[devices.Count];
        _names = new string[devices.Count];
        for (int i = 0; i < devices.Count; i++)
        {
            _ids[i] = devices[i].Id;
            _names[i] = (devices[i].Name ?? string.Empty).ToUpperInvariant();
            _maxId = Math.Max(_maxId, devices[i].Id);
        }

        _listedMaxId = _maxId;

        // Two passes (count, then fill) give one flat array of name positions grouped by bucket.
        _bucketStart = new int[BucketCount + 1];
        for (int i = 0; i < _names.Length; i++)
        {
            for (int at = 0; at + GramLength <= _names[i].Length; at++)
            {
                _bucketStart[Bucket(_names[i], at) + 1]++;
            }
        }

        for (int b = 0; b < BucketCount; b++)
        {
            _bucketStart[b + 1] += _bucketStart[b];
        }

        _postings = new int[_bucketStart[BucketCount]];
        int[] fill = (int[])_bucketStart.Clone();
        for (int i = 0; i < _names.Length; i++)
        {
            for (int at = 0; at + GramLength <= _names[i].Length; at++)
            {
                _postings[fill[Bucket(_names[i], at)]++] = i;
            }
        }
    }

    /// <summary>Devices listed (or added since).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ids.Length + _newer.Count;
            }
        }
    }

    /// <summary>The highest device id known: ids are counted up, so devices enrolled later have higher ones.</summary>
    public long MaxId
    {
        get
        {
            lock (_gate)
            {
                return _maxId;
            }
        }
    }

    /// <summary>Devices that enrolled after the listing (newest first or not); ids already known are ignored.</summary>
    public void AddNewer(IEnumerable<(long Id, string? Name)> devices)
    {
        lock (_gate)
        {
            foreach ((long id, string? name) in devices)
            {
                if (id > _listedMaxId && _newerIds.Add(id))
                {
                    _newer.Add((id, (name ?? string.Empty).ToUpperInvariant()));
                    _maxId = Math.Max(_maxId, id);
                }
            }
        }
    }

    /// <summary>The ids of the devices whose name contains <paramref name="fragment"/> (case-insensitive), in id order.</summary>
    public List<long> Matching(string fragment)
    {
        string wanted = fragment.ToUpperInvariant();
        var hits = new SortedSet<long>();
        if (wanted.Length >= GramLength)
        {
            // Every name holding the fragment holds each of its pieces: the smallest bucket among them has them all.
            int best = Bucket(wanted, 0);
            for (int at = 1; at + GramLength <= wanted.Length; at++)
            {
                int b = Bucket(wanted, at);
                if (Size(b) < Size(best))
                {
                    best = b;
                }
            }

            for (int p = _bucketStart[best]; p < _bucketStart[best + 1]; p++)
            {
                int i = _postings[p];
                if (_names[i].IndexOf(wanted, StringComparison.Ordinal) >= 0)
                {
                    hits.Add(_ids[i]);
                }
            }
        }
        else
        {
            for (int i = 0; i < _names.Length; i++)
            {
                if (_names[i].IndexOf(wanted, StringComparison.Ordinal) >= 0)
                {
                    hits.Add(_ids[i]);
                }
            }
        }

        lock (_gate)
        {
            foreach ((long id, string name) in _newer)
            {
                if (name.IndexOf(wanted, StringComparison.Ordinal) >= 0)
                {
                    hits.Add(id);
                }
            }
        }

        return new List<long>(hits);
    }

    private int Size(int bucket) => _bucketStart[bucket + 1] - _bucketStart[bucket];

    private static int Bucket(string text, int at)
    {
        unchecked
        {
            uint hash = 2166136261;
            for (int k = at; k < at + GramLength; k++)
            {
                hash = (hash ^ text[k]) * 16777619;
            }

            return (int)(hash & (BucketCount - 1));
        }
    }
}
