using System;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Reading;
using BulkEnroll.Neurons.Records;
using Xunit;

namespace BulkEnroll.Tests.Neurons.Reading;

/// <summary>
/// Device pages are read by code of our own (DevicePageReader over JsonCursor) rather than by the serializer, as
/// their bytes arrive: what it reads must be what the serializer reads from the same answer, field for field, with
/// its leniencies (names in any case, numbers as strings) and its refusals (malformed JSON, wrong types), however
/// the answer is cut into reads.
/// </summary>
public sealed class DevicePageReaderTests
{
    private static readonly PropertyInfo[] RecordFields = typeof(DeviceRecord).GetProperties()
        .Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.GetCustomAttribute<JsonIgnoreAttribute>() == null).ToArray();

    /// <summary>One byte per read (every boundary falls inside something), a few, and the whole body at once.</summary>
    public static TheoryData<int> ReadSizes => new() { 1, 7, 1 << 20 };

    [Fact]
    public async Task EveryFieldOfADeviceRecordIsRead()
    {
        // A field added to DeviceRecord and not to the reader fails here, not silently in a listing.
        var record = new StringBuilder("{");
        for (int i = 0; i < RecordFields.Length; i++)
        {
            PropertyInfo field = RecordFields[i];
            string name = char.ToLowerInvariant(field.Name[0]) + field.Name.Substring(1);
            record.Append(i == 0 ? string.Empty : ",").Append('"').Append(name).Append("\":").Append(JsonValueFor(field, i));
        }

        string json = $"{{\"result\":{{\"totalCount\":1,\"searchResults\":[{record.Append('}')}]}}}}";
        DeviceRecord read = (await ReadAsync(json, 1 << 20))!.Result!.SearchResults!.Single();
        DeviceRecord reference = Serializer(json)!.Result!.SearchResults!.Single();

        Assert.All(RecordFields, field =>
        {
            Assert.NotNull(field.GetValue(reference));
            Assert.Equal(field.GetValue(reference), field.GetValue(read));
        });
        Assert.True(read.HasReassignmentStatusField);
    }

    [Theory]
    [MemberData(nameof(ReadSizes))]
    public async Task APageReadsAsTheSerializerReadsItNamesInAnyCaseNumbersAsStringsEscapesAndUnknownFields(int readSize)
    {
        string json = """
             {"errors":null,"result":{"totalCount":"1745","queryTime":3,"searchResults":[
              {"id":3000001,"DEVICENAME":"DESKTOP-\u00c9T\u00c9 \ud83d\ude00","deviceModel":"HP \"EliteBook\"\\\/\t","OwnerId":"2004723","enrollerId":2000001,
               "violatedPolicies":[{"name":"x]}","nested":[1,-2.5e+3,{"a":null,"b":[true,false]}]}],"customAttributes":{"k":"v{"},"groups":[],
               "lastCheckin":1792305430553,"serialNumber":null,"registrationState":"ACTIVE","\u0075id":"tom@contoso.com",
               "aVeryLongFieldNameThatIsNoFieldOfOursAtAll":true,"changeOwnerCounter":2, "deviceName" : "last wins" } ,
              {"id":"3000002","lastReassignmentStatus":"Failed","dmPartitionId":1000001,"dmPartitionName":"Global"}
            ] ,"offset":0,"limit":500,"facetedResults":{"REGISTRATIONSTATE":[{"name":"ACTIVE","count":2}]}}}
            """;

        ApiEnvelope<SearchPage<DeviceRecord>> read = (await ReadAsync(json, readSize))!;
        ApiEnvelope<SearchPage<DeviceRecord>> reference = Serializer(json)!;

        Assert.Null(read.Errors);
        Assert.Equal((1745L, 0L, 500L), (read.Result!.TotalCount, read.Result.Offset, read.Result.Limit));
        Assert.Equal(2, read.Result.SearchResults!.Count);
        for (int i = 0; i < 2; i++)
        {
            DeviceRecord mine = read.Result.SearchResults[i];
            DeviceRecord theirs = reference.Result!.SearchResults![i];
            Assert.All(RecordFields, field => Assert.Equal(field.GetValue(theirs), field.GetValue(mine)));
            Assert.Equal(theirs.HasReassignmentStatusField, mine.HasReassignmentStatusField);
        }

        Assert.Equal("last wins", read.Result.SearchResults[0].DeviceName);
        Assert.Equal("HP \"EliteBook\"\\/\t", read.Result.SearchResults[0].DeviceModel);
        Assert.Equal("tom@contoso.com", read.Result.SearchResults[0].Uid);
        Assert.Equal(2004723L, read.Result.SearchResults[0].OwnerId);
        Assert.Equal("FAILED", read.Result.SearchResults[1].LastReassignmentStatus);
        Assert.False(read.Result.SearchResults[0].HasReassignmentStatusField);
    }

    [Fact]
    public async Task NamesAndTextWithEscapesReadAsTheSerializerReadsThem()
    {
        string json = "{\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":1,\"device\\u004Eame\":\"caf\\u00e9 \\ud83d\\ude00 \\u0041\\/\"}]}}";

        Assert.Equal(Serializer(json)!.Result!.SearchResults![0].DeviceName, (await ReadAsync(json, 3))!.Result!.SearchResults![0].DeviceName);
    }

    [Fact]
    public async Task TextOutsideAsciiSentAsItsOwnBytesReadsAsTheSerializerReadsIt()
    {
        // Not escaped: UTF-8 bytes of two, three and four bytes, in a field kept per page and one that is not, and
        // after ASCII text the pool already holds.
        string json = "{\"result\":{\"totalCount\":2,\"searchResults\":["
            + "{\"id\":1,\"deviceName\":\"PC-Zoë\",\"displayName\":\"Zoë Müller\",\"manufacturer\":\"HP\"},"
            + "{\"id\":2,\"deviceName\":\"PC-€ 😀\",\"displayName\":\"Zoë Müller\",\"manufacturer\":\"HP 株式会社\"}]}}";
        ApiEnvelope<SearchPage<DeviceRecord>> reference = Serializer(json)!;

        foreach (int readSize in new[] { 1, 7, 1 << 20 })
        {
            ApiEnvelope<SearchPage<DeviceRecord>> read = (await ReadAsync(json, readSize))!;
            for (int i = 0; i < 2; i++)
            {
                DeviceRecord mine = read.Result!.SearchResults![i];
                DeviceRecord theirs = reference.Result!.SearchResults![i];
                Assert.Equal((theirs.DeviceName, theirs.DisplayName, theirs.Manufacturer), (mine.DeviceName, mine.DisplayName, mine.Manufacturer));
            }
        }

        Assert.Equal("HP 株式会社", reference.Result!.SearchResults![1].Manufacturer);
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("-0")]
    [InlineData("0")]
    [InlineData("1000000000000000000")]
    [InlineData("\"-42\"")]
    public async Task WholeNumbersAtTheEdgesOfTheirRangeReadAsTheSerializerReadsThem(string number)
    {
        string json = $"{{\"result\":{{\"totalCount\":1,\"searchResults\":[{{\"id\":{number},\"lastCheckin\":{number}}}]}}}}";

        DeviceRecord theirs = Serializer(json)!.Result!.SearchResults![0];
        DeviceRecord mine = (await ReadAsync(json, 3))!.Result!.SearchResults![0];

        Assert.Equal((theirs.Id, theirs.LastCheckin), (mine.Id, mine.LastCheckin));
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("18446744073709551616")]
    [InlineData("1e3")]
    [InlineData("1.0")]
    [InlineData("-")]
    public async Task NumbersThatAreNotWholeOrOutOfRangeAreRefusedAsTheSerializerRefusesThem(string number)
    {
        string json = $"{{\"result\":{{\"totalCount\":1,\"searchResults\":[{{\"id\":1,\"lastCheckin\":{number}}}]}}}}";

        Assert.ThrowsAny<JsonException>(() => Serializer(json));
        await Assert.ThrowsAnyAsync<JsonException>(() => ReadAsync(json, 3));
    }

    [Theory]
    [InlineData("{\"errors\":null,\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":1}")] // cut off
    [InlineData("{\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":\"one\"}]}}")]
    [InlineData("{\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":1.5}]}}")]
    [InlineData("{\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":null}]}}")]
    [InlineData("{\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":1,\"deviceName\":5}]}}")]
    [InlineData("{\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":1,\"changeOwnerCounter\":9999999999}]}}")]
    [InlineData("{\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":99999999999999999999}]}}")]
    [InlineData("{\"result\":{\"totalCount\":1,\"searchResults\":{\"id\":1}}}")]
    [InlineData("{\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":1},]}}")] // trailing comma
    [InlineData("{\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":1}{\"id\":2}]}}")] // missing comma
    [InlineData("{\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":1,\"groups\":[}]}]}}")] // badly nested, in a field we skip
    [InlineData("{\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":1,\"x\":tru}]}}")]
    [InlineData("{\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":1,\"x\":\"a\u0001b\"}]}}")] // raw control character
    [InlineData("{\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":1,\"x\":\"\\q\"}]}}")] // no such escape
    [InlineData("{\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":01}]}}")]
    [InlineData("{\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":1,\"deviceName\":\"\\ud800 lone\"}]}}")] // half a surrogate pair
    [InlineData("{\"result\":{\"totalCount\":null}}")]
    [InlineData("{\"result\":{\"totalCount\":1,}}")]
    [InlineData("{\"result\":[]}")]
    [InlineData("{\"result\":null} trailing")]
    [InlineData("{\"result\" null}")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("")]
    public async Task MalformedOrMistypedAnswersAreRefusedAsTheSerializerRefusesThem(string json)
    {
        Assert.ThrowsAny<JsonException>(() => Serializer(json));
        foreach (int readSize in new[] { 1, 5, 1 << 20 })
        {
            await Assert.ThrowsAnyAsync<JsonException>(() => ReadAsync(json, readSize));
        }
    }

    [Fact]
    public async Task TextThatIsNotUtf8IsRefusedAsTheSerializerRefusesIt()
    {
        // "café" from a server that wrote Latin-1: 0xE9 alone is no UTF-8.
        byte[] body = Encoding.ASCII.GetBytes("{\"result\":{\"totalCount\":1,\"searchResults\":[{\"id\":1,\"deviceName\":\"caf?\"}]}}");
        body[Array.IndexOf(body, (byte)'?')] = 0xE9;

        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<ApiEnvelope<SearchPage<DeviceRecord>>>(body, BulkEnroll.Neurons.Json.Options));
        await Assert.ThrowsAnyAsync<JsonException>(() => DevicePageReader.ReadAsync(new Trickle(body, 3), null, CancellationToken.None));
    }

    [Fact]
    public async Task ANullEnvelopeIsNoEnvelope()
    {
        Assert.Null(await ReadAsync(" null ", 1));
        Assert.Null(Serializer(" null "));
    }

    [Fact]
    public async Task ErrorsInTheEnvelopeAreKept()
    {
        ApiEnvelope<SearchPage<DeviceRecord>> read = (await ReadAsync(
            "{\"Errors\":{\"globalErrors\":[\"Invalid filter\"],\"fieldErrors\":[{\"code\":\"x\",\"message\":\"bad fq\",\"field\":\"fq\"}]},\"result\":null}", 4))!;

        Assert.Null(read.Result);
        Assert.Single(read.Errors!.GlobalErrors!);
        Assert.Equal("bad fq", read.Errors!.FieldErrors!.Single().Message);
    }

    [Theory]
    [InlineData(4093)] // small reads, gathered into runs: the records near the end of each run are read once they have all arrived
    [InlineData(20000)] // each read leaves room: records are read straight, and the huge one fails until it is all in
    public async Task ARecordLargerThanTheBufferAndAPageLargerStillAreReadWhole(int readSize)
    {
        // Bodies of chunked answers say no length: the buffer grows for one record bigger than it, and a page of
        // several times its size streams through it.
        string huge = new string('x', 200 * 1024);
        string records = string.Join(",", Enumerable.Range(1, 500).Select(i => $"{{\"id\":{i},\"deviceName\":\"DESKTOP-{i:D6}\",\"osEdition\":\"{(i == 250 ? huge : new string('x', 200))}\"}}"));
        string json = $"{{\"errors\":null,\"result\":{{\"totalCount\":500,\"searchResults\":[{records}]}}}}";

        ApiEnvelope<SearchPage<DeviceRecord>> read = (await ReadAsync(json, readSize))!;

        Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i), read.Result!.SearchResults!.Select(r => r.Id));
        Assert.Equal(huge, read.Result.SearchResults![249].OsEdition);
        Assert.Equal("DESKTOP-000500", read.Result.SearchResults[499].DeviceName);
    }

    private static ApiEnvelope<SearchPage<DeviceRecord>>? Serializer(string json)
        => JsonSerializer.Deserialize<ApiEnvelope<SearchPage<DeviceRecord>>>(Encoding.UTF8.GetBytes(json), BulkEnroll.Neurons.Json.Options);

    private static Task<ApiEnvelope<SearchPage<DeviceRecord>>?> ReadAsync(string json, int readSize)
        => DevicePageReader.ReadAsync(new Trickle(Encoding.UTF8.GetBytes(json), readSize), null, CancellationToken.None);

    private static string JsonValueFor(PropertyInfo field, int index)
    {
        Type type = Nullable.GetUnderlyingType(field.PropertyType) ?? field.PropertyType;
        if (field.Name == nameof(DeviceRecord.LastReassignmentStatus))
        {
            return "\"SUCCESS\""; // normalized on the way in; SUCCESS stays SUCCESS
        }

        return type == typeof(string) ? $"\"value-{field.Name}\"" : type == typeof(int) || type == typeof(long) ? (1000 + index).ToString() : throw new InvalidOperationException($"No test value for {field.PropertyType} {field.Name}: add one, and read it in DeviceRecordReader.");
    }
}
