using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Reading;
using BulkEnroll.Neurons.Records;
using Xunit;

namespace BulkEnroll.Tests.Neurons.Reading;

/// <summary>
/// A list answer says how long the search is in its first bytes (docs/reference/ivanti-api.md#response-envelope):
/// the client hears it from the page reader before the page's records have arrived, and the page reads the same
/// whatever the listener was told.
/// </summary>
public sealed class FirstBytesTests
{
    private const string Records = "[{\"id\":1,\"totalCount\":99},{\"id\":2}]";

    public static TheoryData<string, long?, bool> Bodies => new()
    {
        { "{\"errors\":null,\"result\":{\"totalCount\":1745,\"queryTime\":3,\"searchResults\":" + Records + "}}", 1745, false },
        { "{\"errors\":{\"globalErrors\":null,\"fieldErrors\":null},\"result\":{\"queryTime\":3,\"totalCount\":7,\"searchResults\":" + Records + "}}", 7, false },
        { "{ \"Result\" : { \"TOTALCOUNT\" : \"12\", \"searchResults\": [] } }", 12, false },
        // The device-space list puts the records first (S16): nothing to learn early, not even a record's own field.
        { "{\"errors\":null,\"result\":{\"searchResults\":" + Records + ",\"totalCount\":2}}", null, true },
        { "{\"result\":{\"offset\":0,\"nested\":{\"totalCount\":5}},\"totalCount\":3}", null, false },
        { "{\"errors\":null,\"result\":1}", null, false },
        { "{\"errors\":null,\"result\":{\"totalCount\":-1}}", null, false },
        { "{\"errors\":null,\"result\":{\"totalCount\":12.5}}", null, false },
        { "<html>502 Bad Gateway</html>", null, false },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task TheTotalIsReportedOnceFromTheEnvelopeAndThePageReadsAsTheSerializerReadsIt(string body, long? expected, bool recordsFirst)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        ApiEnvelope<SearchPage<DeviceRecord>>? reference = null;
        try
        {
            reference = JsonSerializer.Deserialize<ApiEnvelope<SearchPage<DeviceRecord>>>(bytes, BulkEnroll.Neurons.Json.Options);
        }
        catch (JsonException)
        {
            // The reader must refuse it too, below.
        }

        foreach (int chunk in new[] { 1, 7, 4096 })
        {
            var heard = new List<long>();
            int toldRecordsFirst = 0;
            var listener = new TotalCountListener(heard.Add, () => toldRecordsFirst++);
            Task<ApiEnvelope<SearchPage<DeviceRecord>>?> reading = DevicePageReader.ReadAsync(new Trickle(bytes, chunk), listener, CancellationToken.None);

            if (reference == null)
            {
                await Assert.ThrowsAnyAsync<JsonException>(() => reading);
            }
            else
            {
                ApiEnvelope<SearchPage<DeviceRecord>> read = (await reading)!;
                Assert.Equal(reference.Result?.TotalCount, read.Result?.TotalCount);
                Assert.Equal(reference.Result?.SearchResults?.Select(r => r.Id), read.Result?.SearchResults?.Select(r => r.Id));
            }

            Assert.Equal(expected == null ? Array.Empty<long>() : new[] { expected.Value }, heard);
            Assert.Equal(recordsFirst ? 1 : 0, toldRecordsFirst);
        }
    }

    [Fact]
    public async Task TheClientHearsTheTotalBeforeThePageHasArrived()
    {
        // The body stops after its first bytes until the total has been heard: without the peek this call never ends.
        var heard = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        string head = "{\"errors\":null,\"result\":{\"totalCount\":1200,\"queryTime\":4,\"searchResults\":[{\"id\":1}";
        string rest = ",{\"id\":2}],\"offset\":0,\"limit\":500}}";
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var client = new NeuronsClient(new Uri("http://127.0.0.1:9/"), "api", "secret", new NeuronsClientOptions { MaxRetryCount = 0 },
            new HeldBodyHandler(head, rest, heard.Task));

        SearchPage<DeviceRecord> page = await client.GetPageAsync<DeviceRecord>("api/v1/device", new QueryBuilder(), 0, 500, "listing devices", guard.Token,
            new TotalCountListener(total => heard.TrySetResult(total)));

        Assert.Equal(1200, await heard.Task);
        Assert.Equal(new long[] { 1, 2 }, page.SearchResults!.Select(d => d.Id));
        Assert.Equal(1200, page.TotalCount);
    }

    /// <summary>Answers every request with <c>head</c> at once and <c>rest</c> only once <c>release</c> completes.</summary>
    private sealed class HeldBodyHandler(string head, string rest, Task release) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StreamContent(new HeldStream(Encoding.UTF8.GetBytes(head), Encoding.UTF8.GetBytes(rest), release)),
            });
    }

    private sealed class HeldStream(byte[] head, byte[] rest, Task release) : Stream
    {
        private int _part;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            switch (_part++)
            {
                case 0:
                    Buffer.BlockCopy(head, 0, buffer, offset, head.Length);
                    return head.Length;
                case 1:
                    await release.WaitAsync(cancellationToken);
                    Buffer.BlockCopy(rest, 0, buffer, offset, rest.Length);
                    return rest.Length;
                default:
                    return 0;
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
