using System.Linq;
using BulkEnroll.Assignment;
using Xunit;

namespace BulkEnroll.Tests.Assignment;

/// <summary>The listed names answer "which devices' names hold this part of a serial" exactly as q= plus the name check did.</summary>
public sealed class DeviceNameIndexTests
{
    private static DeviceNameIndex Index(params (long Id, string? Name)[] devices) => new DeviceNameIndex(devices);

    [Fact]
    public void AFragmentIsFoundAnywhereInANameWhateverTheCase()
    {
        var index = Index((1, "PAR-5CG1234XYZ"), (2, "LYS-5cg1234xyz"), (3, "5CG1234X-OLD"), (4, "PAR-5CG1234XY"), (5, null));

        Assert.Equal(new long[] { 1, 2 }, index.Matching("5cg1234xyz"));
        Assert.Equal(new long[] { 1, 2, 3, 4 }, index.Matching("5CG1234X"));
        Assert.Empty(index.Matching("5CG1234XYZQ"));
    }

    [Fact]
    public void ASerialShorterThanAPieceIsComparedWithEveryName()
    {
        var index = Index((1, "PC-AB12"), (2, "PC-AB13"), (3, "AB12"));

        Assert.Equal(new long[] { 1, 3 }, index.Matching("ab12"));
    }

    [Fact]
    public void DevicesEnrolledAfterTheListingAreAddedOnceAndOnlyAboveTheHighestKnownId()
    {
        var index = Index((10, "PAR-OLD00001"), (20, "PAR-OLD00002"));

        index.AddNewer(new (long, string?)[] { (20, "PAR-RENAMED"), (30, "PAR-NEW00003"), (30, "PAR-NEW00003") });

        Assert.Equal(30, index.MaxId);
        Assert.Equal(3, index.Count);
        Assert.Equal(new long[] { 30 }, index.Matching("NEW00003"));
        Assert.Empty(index.Matching("RENAMED"));
    }

    [Fact]
    public void ManyNamesSharingAPrefixStillAnswerFromTheirOwnPieces()
    {
        var devices = Enumerable.Range(1, 5000).Select(i => ((long)i, (string?)$"CTS-{i:D8}AB")).ToList();
        var index = new DeviceNameIndex(devices);

        Assert.Equal(new long[] { 4321 }, index.Matching("00004321AB"));
        Assert.Equal(new long[] { 4321 }, index.Matching("00004321"));
        Assert.Equal(5000, index.Matching("CTS-").Count);
    }
}
