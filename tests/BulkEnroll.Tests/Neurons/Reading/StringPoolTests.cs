using System;
using System.Linq;
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
/// The texts the devices of a page share (model, OS, state, space, the generic user that owns them) are made once per
/// page, not once per device. Pooling must never change what
/// is read: every value stays what the serializer reads, however many different texts a page has.
/// </summary>
public sealed class StringPoolTests
{
    [Fact]
    public async Task TextsTheDevicesOfAPageShareAreOneStringAndTheirOwnTextsAreTheirs()
    {
        string records = string.Join(",", Enumerable.Range(1, 3).Select(i =>
            $"{{\"id\":{i},\"deviceName\":\"DESKTOP-{i}\",\"guid\":\"g-{i}\",\"deviceModel\":\"HP EliteBook 840 G10\",\"manufacturer\":\"HP\","
            + $"\"registrationState\":\"ACTIVE\",\"dmPartitionName\":\"Global\",\"uid\":\"windows-bulkenroll-user1@contoso.com\",\"emailAddress\":\"windows-bulkenroll-user1@contoso.com\"}}"));
        SearchPage<DeviceRecord> page = await ReadAsync($"{{\"result\":{{\"totalCount\":3,\"searchResults\":[{records}]}}}}");

        DeviceRecord first = page.SearchResults![0];
        Assert.All(page.SearchResults.Skip(1), other =>
        {
            Assert.Same(first.DeviceModel, other.DeviceModel);
            Assert.Same(first.Manufacturer, other.Manufacturer);
            Assert.Same(first.RegistrationState, other.RegistrationState);
            Assert.Same(first.DmPartitionName, other.DmPartitionName);
            Assert.Same(first.Uid, other.Uid);
        });
        Assert.Equal(new[] { "DESKTOP-1", "DESKTOP-2", "DESKTOP-3" }, page.SearchResults.Select(r => r.DeviceName));
        Assert.Equal("HP EliteBook 840 G10", page.SearchResults[2].DeviceModel);
        Assert.Equal("windows-bulkenroll-user1@contoso.com", page.SearchResults[2].EmailAddress);
    }

    [Fact]
    public async Task APageOfAllDifferentTextsReadsAsTheSerializerReadsItPastWhatThePoolHolds()
    {
        // 500 assigned devices: every owner different, models near-identical (one byte apart), a few very long.
        string records = string.Join(",", Enumerable.Range(1, 500).Select(i =>
            $"{{\"id\":{i},\"deviceModel\":\"Model {i % 300}\",\"osBuildVersion\":\"{(i % 97 == 0 ? new string('9', 200 + i) : "10.0." + i)}\","
            + $"\"uid\":\"user{i}@contoso.com\",\"displayName\":\"User {i}\",\"manufacturer\":\"{(i > 450 ? "Lenovo" : "HP")}\"}}"));
        string json = $"{{\"result\":{{\"totalCount\":500,\"searchResults\":[{records}]}}}}";

        SearchPage<DeviceRecord> page = await ReadAsync(json);
        SearchPage<DeviceRecord> reference = JsonSerializer.Deserialize<ApiEnvelope<SearchPage<DeviceRecord>>>(json, BulkEnroll.Neurons.Json.Options)!.Result!;

        Assert.Equal(reference.SearchResults!.Select(Texts), page.SearchResults!.Select(Texts));
        Assert.Equal("Lenovo", page.SearchResults![499].Manufacturer);
    }

    [Theory]
    [InlineData("deviceName")]
    [InlineData("manufacturer")]
    [InlineData("uid")]
    public async Task TextThatIsNotUtf8IsRefusedInFieldsThatArePooledAndFieldsThatAreNot(string field)
    {
        // The second device repeats the first one's bytes: a pooled text is checked when it is first made, and the
        // bad bytes are never kept.
        byte[] body = Encoding.ASCII.GetBytes($"{{\"result\":{{\"totalCount\":2,\"searchResults\":[{{\"id\":1,\"{field}\":\"caf?\"}},{{\"id\":2,\"{field}\":\"caf?\"}}]}}}}");
        for (int at = Array.IndexOf(body, (byte)'?'); at >= 0; at = Array.IndexOf(body, (byte)'?', at + 1))
        {
            body[at] = 0xE9;
        }

        await Assert.ThrowsAnyAsync<JsonException>(() => DevicePageReader.ReadAsync(new Trickle(body, 5), null, CancellationToken.None));
    }

    [Fact]
    public void EachTextComesBackAsItsOwnStringWhateverItsNeighboursInTheTable()
    {
        var pool = new StringPool();
        // More texts than the pool holds, many a byte apart: the first ones are kept, the rest still come back right.
        string[] texts = Enumerable.Range(0, 300).Select(i => $"text-{i}").Append(string.Empty).Append(new string('y', StringPool.MaxLength + 1)).ToArray();
        string[] first = texts.Select(t => pool.Get(Encoding.UTF8.GetBytes(t))).ToArray();
        string[] again = texts.Select(t => pool.Get(Encoding.UTF8.GetBytes(t))).ToArray();

        Assert.Equal(texts, first);
        Assert.Equal(texts, again);
        Assert.All(Enumerable.Range(0, 100), i => Assert.Same(first[i], again[i]));
        Assert.NotSame(first[^1], again[^1]); // too long to be worth keeping
    }

    private static string?[] Texts(DeviceRecord r)
        => new[] { r.DeviceModel, r.OsBuildVersion, r.Uid, r.DisplayName, r.Manufacturer };

    private static async Task<SearchPage<DeviceRecord>> ReadAsync(string json)
        => (await DevicePageReader.ReadAsync(new Trickle(Encoding.UTF8.GetBytes(json), 4096), null, CancellationToken.None))!.Result!;
}
