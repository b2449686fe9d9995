using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace BulkEnroll.Tests.Neurons.Reading;

/// <summary>A network stream that hands out at most <c>chunk</c> bytes per read, as an answer arrives in pieces.</summary>
internal sealed class Trickle(byte[] body, int chunk) : MemoryStream(body)
{
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);
}
