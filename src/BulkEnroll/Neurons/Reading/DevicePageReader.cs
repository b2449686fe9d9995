using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Runtime;

namespace BulkEnroll.Neurons.Reading;

/// <summary>
/// Reads a page of device records, <c>{"errors": …, "result": {"totalCount", "searchResults": […], …}}</c>, as its
/// bytes arrive: each record is read as soon as its last byte is in, so a page is parsed while the tenant is still
/// sending it, not after. Pages are what a listing reads by the hundred, and the serializer's code for them runs
/// unoptimized for the first hundred pages or so of a PowerShell session (<see cref="JsonCursor"/>); everything else
/// the module reads goes through the serializer. Names in any case, whole numbers also as strings, fields that are
/// not ours skipped, duplicates: the last wins, as with <see cref="Json.Options"/>.
/// </summary>
internal sealed class DevicePageReader
{
    // A 500-record page is about 600 KB; records are read out of the buffer as they complete, so it rarely grows.
    private const int FirstBuffer = 64 * 1024;
    private const int RecordRun = FirstBuffer / 2;

    private readonly ApiEnvelope<SearchPage<DeviceRecord>> _envelope = new ApiEnvelope<SearchPage<DeviceRecord>>();
    private TotalCountListener? _firstBytes; // told once, then forgotten
    private Level _level = Level.Start;
    private bool _afterValue; // a member or record was just read: ',' or the closing bracket comes next
    private bool _afterComma; // a ',' was just read: a member or record comes next
    private bool _isNull;
    private readonly StringPool _values = new StringPool();
    private readonly StringPool _owners = new StringPool();
    private int _largestRecord = 2048; // a device record is 1 to 1.5 KB (docs/reference/ivanti-api.md#device-fields)

    private enum Level
    {
        Start,
        Envelope,
        Result,
        Records,
        Done,
    }

    /// <summary>The envelope the body holds; null for a JSON null. Malformed or cut-short JSON throws <see cref="JsonException"/>.</summary>
    /// <param name="body">The answer's body, as it arrives.</param>
    /// <param name="firstBytes">Told the page's total as soon as it is read, if it comes before the records; or that the records came first.</param>
    /// <param name="cancellationToken">Stops the reading (Ctrl+C, a timeout).</param>
    public static async Task<ApiEnvelope<SearchPage<DeviceRecord>>?> ReadAsync(Stream body, TotalCountListener? firstBytes, CancellationToken cancellationToken)
    {
        var page = new DevicePageReader { _firstBytes = firstBytes };
        byte[] buffer = ArrayPool<byte>.Shared.Rent(FirstBuffer);
        int start = 0;
        int end = 0;
        long bodyOffset = 0;
        try
        {
            while (true)
            {
                if (buffer.Length - end < FirstBuffer / 4)
                {
                    buffer = MakeRoom(buffer, ref start, ref end);
                }

                int read = await body.ReadAsync(buffer, end, buffer.Length - end, cancellationToken).ConfigureAwait(false);
                end += read;
                if (read > 0 && page._level == Level.Records && end - start < RecordRun)
                {
                    // Amid the records, a network read brings a few KB: waiting for a run of them lets most be read
                    // straight, rather than each looked through for its end first (the near-the-end rule in Record).
                    continue;
                }

                int consumed = page.Advance(new ReadOnlySpan<byte>(buffer, start, end - start), final: read == 0, bodyOffset);
                start += consumed;
                bodyOffset += consumed;
                if (read == 0)
                {
                    return page.Result;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads what <paramref name="json"/> completes (it starts at byte <paramref name="bodyOffset"/> of the body); returns how many bytes are done with.</summary>
    [MethodImpl(HotPath.Optimized)]
    private int Advance(ReadOnlySpan<byte> json, bool final, long bodyOffset)
    {
        int done = 0;
        while (true)
        {
            int at = SkipWhitespace(json, done);
            int next;
            try
            {
                next = Step(json, at, final);
            }
            catch (JsonException e)
            {
                // Where in the body, for whoever looks at the tenant's answer (the message lands in the ErrorRecord).
                throw new JsonException($"{e.Message} (At byte {bodyOffset + at} of the answer{(_level == Level.Records ? ", a device record in searchResults" : string.Empty)}.)", e);
            }

            if (next < 0)
            {
                if (!final)
                {
                    return done;
                }

                throw _level == Level.Start && SkipWhitespace(json, 0) == json.Length
                    ? new JsonException("The answer is empty.")
                    : JsonCursor.Ends();
            }

            if (next == json.Length && _level == Level.Done)
            {
                return next;
            }

            done = next;
        }
    }

    private ApiEnvelope<SearchPage<DeviceRecord>>? Result
        => _level != Level.Done ? throw new InvalidOperationException("The page has not been read to its end.") : _isNull ? null : _envelope;

    private static byte[] MakeRoom(byte[] buffer, ref int start, ref int end)
    {
        // Moving what is left to the front frees enough when a quarter of the first size has been read out of it;
        // otherwise what is left is one record that has not all arrived, and it needs a larger buffer.
        byte[] into = start >= FirstBuffer / 4 ? buffer : ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Buffer.BlockCopy(buffer, start, into, 0, end - start);
        if (!ReferenceEquals(into, buffer))
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        end -= start;
        start = 0;
        return into;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> json, int from)
    {
        int i = from;
        while (i < json.Length && JsonBytes.IsWhitespace(json[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// Reads one thing at <paramref name="at"/>: a bracket, a comma, a member or a record. Returns where it ends, or
    /// -1 if it has not all arrived; nothing changes until it has.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    private int Step(ReadOnlySpan<byte> json, int at, bool final)
    {
        if (at >= json.Length)
        {
            return _level == Level.Done && final ? json.Length : -1;
        }

        byte next = json[at];
        switch (_level)
        {
            case Level.Start:
                return Begin(json, at, final);
            case Level.Done:
                throw new JsonException("The answer goes on after its JSON.");
        }

        if (next == (byte)',' && _afterValue)
        {
            _afterValue = false;
            _afterComma = true;
            return at + 1;
        }

        if (next == (_level == Level.Records ? (byte)']' : (byte)'}') && !_afterComma)
        {
            _level = _level == Level.Records ? Level.Result : _level == Level.Result ? Level.Envelope : Level.Done;
            _afterValue = true;
            return at + 1;
        }

        if (_afterValue)
        {
            throw new JsonException($"Expected ',' or the end of {(_level == Level.Records ? "searchResults" : "the object")}, found '{(char)next}'.");
        }

        return _level == Level.Records ? Record(json, at, final) : Member(json, at, final);
    }

    private int Begin(ReadOnlySpan<byte> json, int at, bool final)
    {
        if (json[at] == (byte)'{')
        {
            _level = Level.Envelope;
            return at + 1;
        }

        int end = JsonBoundary.End(json, at, final);
        if (end < 0)
        {
            return -1;
        }

        if (!json.Slice(at, end - at).SequenceEqual("null"u8))
        {
            throw new JsonException("The answer is not a JSON object.");
        }

        _isNull = true;
        _level = Level.Done;
        return end;
    }

    [MethodImpl(HotPath.Optimized)]
    private int Record(ReadOnlySpan<byte> json, int at, bool final)
    {
        if (json[at] != (byte)'{')
        {
            throw new JsonException($"Expected a device record (a JSON object) in searchResults, found '{(char)json[at]}'.");
        }

        if (!final && json.Length - at < 4 * _largestRecord)
        {
            // Near the end of what has arrived: read the record only once its last byte is in.
            int end = JsonBoundary.End(json, at, final);
            if (end < 0)
            {
                return -1;
            }

            _largestRecord = Math.Max(_largestRecord, end - at);
            var whole = new JsonCursor(json.Slice(at, end - at));
            _envelope.Result!.SearchResults!.Add(DeviceRecordReader.Read(ref whole, _values, _owners));
            Finished(ref whole);
            return end;
        }

        // Room for several of the largest records seen: read it straight, without looking for its end first. A
        // record longer than that which has not all arrived fails to read; it is read again when it has.
        var cursor = new JsonCursor(json.Slice(at));
        DeviceRecord record;
        try
        {
            record = DeviceRecordReader.Read(ref cursor, _values, _owners);
        }
        catch (JsonException) when (!final && JsonBoundary.End(json, at, final) < 0)
        {
            return -1;
        }

        _largestRecord = Math.Max(_largestRecord, cursor.Position);
        _envelope.Result!.SearchResults!.Add(record);
        _afterValue = true;
        _afterComma = false;
        return at + cursor.Position;
    }

    /// <summary>A member of the envelope or of its result: the two objects the records are in are entered, every other value is read whole.</summary>
    [MethodImpl(HotPath.Optimized)]
    private int Member(ReadOnlySpan<byte> json, int at, bool final)
    {
        if (json[at] != (byte)'"')
        {
            throw new JsonException($"Expected a member's name, found '{(char)json[at]}'.");
        }

        int nameEnd = JsonBoundary.End(json, at, final);
        int colon = nameEnd < 0 ? -1 : SkipWhitespace(json, nameEnd);
        int value = colon < 0 || colon >= json.Length ? -1 : SkipWhitespace(json, colon + 1);
        if (value < 0 || value >= json.Length)
        {
            return -1;
        }

        var nameCursor = new JsonCursor(json.Slice(at, colon + 1 - at));
        ReadOnlySpan<byte> name = nameCursor.ReadName();
        bool inEnvelope = _level == Level.Envelope;
        if (inEnvelope && json[value] == (byte)'{' && JsonCursor.NameIs(name, "result"u8))
        {
            _envelope.Result = new SearchPage<DeviceRecord>();
            _level = Level.Result;
            _afterComma = false;
            return value + 1;
        }

        if (!inEnvelope && json[value] == (byte)'[' && JsonCursor.NameIs(name, "searchresults"u8))
        {
            _envelope.Result!.SearchResults = new List<DeviceRecord>();
            RecordsFirst();
            _level = Level.Records;
            _afterComma = false;
            return value + 1;
        }

        int end = JsonBoundary.End(json, value, final);
        if (end < 0)
        {
            return -1;
        }

        ReadOnlySpan<byte> whole = json.Slice(value, end - value);
        var cursor = new JsonCursor(whole);
        if (inEnvelope)
        {
            Envelope(name, whole, ref cursor);
        }
        else
        {
            Page(name, ref cursor);
        }

        Finished(ref cursor);
        return end;
    }

    private void Envelope(scoped ReadOnlySpan<byte> name, scoped ReadOnlySpan<byte> whole, ref JsonCursor cursor)
    {
        if (JsonCursor.NameIs(name, "errors"u8))
        {
            if (cursor.TryReadNull())
            {
                _envelope.Errors = null;
                return;
            }

            cursor.SkipValue();
            // Rare and small: the serializer reads it, into the same type as every other answer's errors.
            _envelope.Errors = JsonSerializer.Deserialize<ApiErrors>(whole, Json.Options);
        }
        else if (JsonCursor.NameIs(name, "result"u8))
        {
            _envelope.Result = cursor.TryReadNull() ? null : throw new JsonException("The answer's result is not a JSON object.");
        }
        else
        {
            cursor.SkipValue();
        }
    }

    private void Page(scoped ReadOnlySpan<byte> name, ref JsonCursor cursor)
    {
        SearchPage<DeviceRecord> page = _envelope.Result!;
        if (JsonCursor.NameIs(name, "totalcount"u8))
        {
            page.TotalCount = cursor.ReadInt64OrNull() ?? throw new JsonException("totalCount is null.");
            TotalFirst(page.TotalCount);
        }
        else if (JsonCursor.NameIs(name, "offset"u8))
        {
            page.Offset = cursor.ReadInt64OrNull() ?? throw new JsonException("offset is null.");
        }
        else if (JsonCursor.NameIs(name, "limit"u8))
        {
            page.Limit = cursor.ReadInt64OrNull() ?? throw new JsonException("limit is null.");
        }
        else if (JsonCursor.NameIs(name, "searchresults"u8))
        {
            page.SearchResults = cursor.TryReadNull() ? null : throw new JsonException("searchResults is not a JSON array.");
            RecordsFirst();
        }
        else
        {
            cursor.SkipValue();
        }
    }

    /// <summary>The total came before the records: the listener hears it now (a negative one is no total).</summary>
    private void TotalFirst(long total)
    {
        TotalCountListener? listener = _firstBytes;
        _firstBytes = null;
        if (total >= 0)
        {
            listener?.TotalFirst(total);
        }
    }

    /// <summary>The records came before any total: nothing to learn early.</summary>
    private void RecordsFirst()
    {
        TotalCountListener? listener = _firstBytes;
        _firstBytes = null;
        listener?.RecordsFirst();
    }

    /// <summary>A value was read from its whole bytes: nothing may be left over (a number running into letters, say).</summary>
    private void Finished(ref JsonCursor cursor)
    {
        _afterValue = true;
        _afterComma = false;
        if (!cursor.AtEnd)
        {
            throw new JsonException($"Unexpected '{(char)cursor.Peek()}' after a value.");
        }
    }
}
