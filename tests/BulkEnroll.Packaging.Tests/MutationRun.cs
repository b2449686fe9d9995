using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Tests.Payload;
using BulkEnroll.Packaging.Wim;

namespace BulkEnroll.Packaging.Tests;

/// <summary>
/// Feeds seeded mutations of real packages (our writer's .ppkg, or its customizations.xml) to
/// <see cref="PackageFileReader"/> and sorts the outcomes. The contract: a valid read, or the documented
/// <see cref="PackageFormatException"/> / <see cref="WimFormatException"/>, within <see cref="MaxAllocatedBytes"/>.
/// </summary>
internal static class MutationRun
{
    /// <summary>Far more than any read of these ~10 KB inputs needs; what exceeds it is a runaway.</summary>
    public const long MaxAllocatedBytes = 64L * 1024 * 1024;

    public const string Package = "ppkg";
    public const string Project = "project";

    public static Summary Run(string reader, int seed, int count)
    {
        bool isWim = reader == Package;
        WimImageDefinition[] images = isWim ? PackageImages() : Array.Empty<WimImageDefinition>();
        byte[][] seeds = isWim ? images.Select(Write).ToArray() : ProjectSeeds();
        string name = isWim ? "mutated.ppkg" : "customizations.xml";
        var random = new Random(seed);
        var summary = new Summary(reader, seed);
        Stopwatch watch = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            int pick = random.Next(seeds.Length);

            // A third of the packages are damaged inside a settings file and then written again by our writer,
            // so that the damage passes the SHA-1 checks and reaches the payload readers.
            byte[] input = isWim && random.Next(3) == 0
                ? Write(MutatePayload(images[pick], random))
                : PackageMutator.Mutate(seeds[pick], random, isWim);
            long before = GC.GetAllocatedBytesForCurrentThread();
            TimeSpan readStart = watch.Elapsed;
            string outcome;
            try
            {
                PackageFileReader.Read(name, input);
                outcome = "read";
            }
            catch (PackageFormatException e)
            {
                outcome = e.Reason;
            }
            catch (WimFormatException e)
            {
                outcome = "Wim" + e.Reason;
            }
            catch (Exception e)
            {
                outcome = "UNEXPECTED " + e.GetType().FullName;
                summary.Failures.Add($"mutation {i} of seed {seed}: {e.GetType().FullName}: {e.Message}");
            }

            summary.Reading += watch.Elapsed - readStart;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            summary.MaxAllocated = Math.Max(summary.MaxAllocated, allocated);
            if (allocated > MaxAllocatedBytes)
            {
                summary.Failures.Add($"mutation {i} of seed {seed} ({outcome}) allocated {allocated} bytes from a {input.Length}-byte file");
            }

            summary.Outcomes[outcome] = summary.Outcomes.TryGetValue(outcome, out int n) ? n + 1 : 1;
            summary.Count++;
        }

        summary.Elapsed = watch.Elapsed;
        return summary;
    }

    private static byte[] Write(WimImageDefinition image) => WimWriter.WriteToArray(image, HostilePackages.WimGuid);

    private static WimImageDefinition MutatePayload(WimImageDefinition image, Random random)
    {
        var mutated = new WimImageDefinition { CreationTimeUtc = image.CreationTimeUtc };
        int target = random.Next(image.Files.Count);
        for (int i = 0; i < image.Files.Count; i++)
        {
            WimFile file = image.Files[i];
            mutated.AddFile(file.Path, i == target ? PackageMutator.Mutate(file.Content, random, isWim: false) : file.Content);
        }

        foreach (KeyValuePair<string, string> property in image.Properties)
        {
            mutated.AddProperty(property.Key, property.Value);
        }

        return mutated;
    }

    /// <summary>Images our writer makes, and one made to stress the reader: duplicated entries.</summary>
    private static WimImageDefinition[] PackageImages()
    {
        WimImageDefinition duplicated = HostilePackages.Image(Samples.Full());
        byte[] customizations = duplicated.Files.First(f => f.Path.EndsWith("customizations.xml", StringComparison.Ordinal)).Content;
        for (int i = 0; i < 40; i++)
        {
            duplicated.AddFile($"Multivariant/0/copy{i}.xml", customizations);
        }

        return new[] { HostilePackages.Image(Samples.Full()), HostilePackages.Image(Samples.Minimal()), duplicated };
    }

    private static byte[][] ProjectSeeds() => new[]
    {
        HostilePackages.Project(Samples.Full()),
        HostilePackages.Project(Samples.Minimal()),
        HostilePackages.LongKeyProject(true, 300, 50),
        HostilePackages.LongKeyProject(false, 300, 50),
    };

    internal sealed class Summary
    {
        public Summary(string reader, int seed)
        {
            Reader = reader;
            Seed = seed;
        }

        public string Reader { get; }

        public int Seed { get; }

        public int Count { get; set; }

        public long MaxAllocated { get; set; }

        public TimeSpan Elapsed { get; set; }

        /// <summary>The part of <see cref="Elapsed"/> spent in the reader, not in making the inputs.</summary>
        public TimeSpan Reading { get; set; }

        public SortedDictionary<string, int> Outcomes { get; } = new(StringComparer.Ordinal);

        public List<string> Failures { get; } = new();

        public override string ToString() =>
            $"{Reader} seed {Seed}: {Count} mutations in {Elapsed.TotalSeconds:F1} s ({Reading.TotalSeconds:F1} s reading), at most {MaxAllocated / 1024} KiB allocated by one read; "
            + string.Join(", ", Outcomes.Select(o => $"{o.Key} {o.Value}"));
    }
}
