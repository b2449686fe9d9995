using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;
using Xunit;

namespace BulkEnroll.Tests.Neurons;

/// <summary>The one place that reads the tenant's reassignment status, in every spelling seen (reference §11).</summary>
public sealed class ReassignmentStatusesTests
{
    [Theory]
    [InlineData("INITIATED", true)]
    [InlineData("Initiated", true)]
    [InlineData("initiated", true)]
    [InlineData("Pending", true)]
    [InlineData("PENDING", true)]
    [InlineData("SUCCESS", false)]
    [InlineData("Success", false)]
    [InlineData("Failed", false)]
    [InlineData(null, false)]
    [InlineData("", false)]
    public void PendingAndInitiatedInAnyCaseMeanInProgress(string? spelling, bool inProgress)
    {
        var record = new DeviceRecord { LastReassignmentStatus = spelling };

        Assert.Equal(inProgress, ReassignmentStatuses.IsInProgress(record.LastReassignmentStatus));
        Assert.Equal(spelling is { Length: > 0 } ? spelling.ToUpperInvariant() : null, record.LastReassignmentStatus);
    }

    [Fact]
    public void FailedIsReadInAnyCase()
    {
        Assert.True(ReassignmentStatuses.IsFailed(new DeviceRecord { LastReassignmentStatus = "Failed" }.LastReassignmentStatus));
        Assert.False(ReassignmentStatuses.IsFailed(new DeviceRecord { LastReassignmentStatus = "Success" }.LastReassignmentStatus));
    }

    [Fact]
    public void AnAbsentStatusFieldIsToldApartFromANullOne()
    {
        var absent = System.Text.Json.JsonSerializer.Deserialize<DeviceRecord>("{\"id\":1}", BulkEnroll.Neurons.Json.Options)!;
        var nullValue = System.Text.Json.JsonSerializer.Deserialize<DeviceRecord>("{\"id\":1,\"lastReassignmentStatus\":null}", BulkEnroll.Neurons.Json.Options)!;

        Assert.False(absent.HasReassignmentStatusField);
        Assert.True(nullValue.HasReassignmentStatusField);
        Assert.Null(nullValue.LastReassignmentStatus);
    }
}
