using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace BulkEnroll.Neurons;

/// <summary>
/// Passes a list answer's body through unchanged while reading its first tokens. A list answer may give
/// <c>result.totalCount</c> before <c>result.searchResults</c> (the guide's account example does, a device-space
/// fixture does not: docs/reference/ivanti-api.md#paging); then how long a search is can be known from the first
/// bytes of its first page, well before its 500 records have arrived and been parsed, and the rest of the search's
/// pages can be asked for that much sooner. Gives up, saying nothing, at <c>searchResults</c>, after 64 KiB, or at
/// anything that is not that envelope; the page's own parse is what counts in the end.
/// </summary>
internal sealed class TotalCountPeek : Stream
{
    private const int MaxPeek = 64 * 1024;

    private readonly Stream _inner;
    private readonly TotalCountListener _listener;
    private bool _listening = true;
    private byte[] _pending = new byte[4096];
    private int _pendingLength;
    private int _seen;
    private JsonReaderState _state;
    private bool _nextIsResult;
    private bool _inResult;
    private bool _nextIsTotal;

    public TotalCountPeek(Stream inner, TotalCountListener listener)
    {
        _inner = inner;
        _listener = listener;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read = _inner.Read(buffer, offset, count);
        Peek(buffer, offset, read);
        return read;
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        int read = await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        Peek(buffer, offset, read);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Peek(byte[] buffer, int offset, int count)
    {
        if (!_listening)
        {
            return;
        }

        _seen += count;
        if (count == 0 || _seen > MaxPeek)
        {
            GiveUp();
            return;
        }

        if (_pendingLength + count > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _pendingLength + count));
        }

        Buffer.BlockCopy(buffer, offset, _pending, _pendingLength, count);
        _pendingLength += count;
        try
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_pending, 0, _pendingLength), isFinalBlock: false, _state);
            while (_listening && reader.Read())
            {
                Step(ref reader);
            }

            if (!_listening)
            {
                return; // found, or nothing to find
            }

            int consumed = (int)reader.BytesConsumed;
            Buffer.BlockCopy(_pending, consumed, _pending, 0, _pendingLength - consumed);
            _pendingLength -= consumed;
            _state = reader.CurrentState;
        }
        catch (JsonException)
        {
            GiveUp(); // not JSON after all: the page's parse says so properly
        }
    }

    private void Step(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                _nextIsResult = string.Equals(reader.GetString(), "result", StringComparison.OrdinalIgnoreCase);
                break;
            case JsonTokenType.StartObject when reader.CurrentDepth == 1:
                _inResult = _nextIsResult;
                break;
            case JsonTokenType.EndObject when reader.CurrentDepth == 0 || (reader.CurrentDepth == 1 && _inResult):
                GiveUp();
                break;
            case JsonTokenType.PropertyName when reader.CurrentDepth == 2 && _inResult:
                string? name = reader.GetString();
                _nextIsTotal = string.Equals(name, "totalCount", StringComparison.OrdinalIgnoreCase);
                if (string.Equals(name, "searchResults", StringComparison.OrdinalIgnoreCase))
                {
                    GiveUp(); // the records come first on this tenant: nothing to learn early
                    _listener.RecordsFirst();
                }

                break;
            case JsonTokenType.Number when _nextIsTotal:
                Report(reader.TryGetInt64(out long number) ? number : (long?)null);
                break;
            case JsonTokenType.String when _nextIsTotal:
                Report(long.TryParse(reader.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long text) ? text : (long?)null);
                break;
            default:
                if (_nextIsTotal)
                {
                    GiveUp();
                }

                break;
        }
    }

    private void Report(long? total)
    {
        GiveUp();
        if (total is long value && value >= 0)
        {
            _listener.TotalFirst(value);
        }
    }

    private void GiveUp()
    {
        _listening = false;
        _pending = Array.Empty<byte>();
        _pendingLength = 0;
    }
}

/// <summary>Who hears what a list answer's first bytes said: its total (it came first), or that its records came first.</summary>
internal sealed class TotalCountListener
{
    public TotalCountListener(Action<long> totalFirst, Action? recordsFirst = null)
    {
        TotalFirst = totalFirst;
        RecordsFirst = recordsFirst ?? (() => { });
    }

    public Action<long> TotalFirst { get; }

    public Action RecordsFirst { get; }
}
