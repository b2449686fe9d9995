using System;
using BulkEnroll.LocalEnrollment;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.LocalEnrollment;

/// <summary>
/// Every test class that swaps <see cref="LocalEnrollmentSources"/> (a process-wide seam) joins this collection, so
/// they run one after another and never see each other's fake machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LocalEnrollmentSourcesCollection
{
    public const string Name = "LocalEnrollmentSources";
}

/// <summary>Makes the cmdlet see <paramref name="registry"/> on a PC that is (or is not) Windows, until disposed.</summary>
internal sealed class FakeMachine : IDisposable
{
    private FakeMachine()
    {
    }

    public static FakeMachine Windows(InMemoryRegistry registry)
    {
        LocalEnrollmentSources.IsWindows = () => true;
        LocalEnrollmentSources.OpenRegistry = () => registry;
        return new FakeMachine();
    }

    /// <summary>Not Windows; the registry must then never be asked for.</summary>
    public static FakeMachine NotWindows()
    {
        LocalEnrollmentSources.IsWindows = () => false;
        LocalEnrollmentSources.OpenRegistry = () => throw new InvalidOperationException("The registry was opened on a PC that is not Windows.");
        return new FakeMachine();
    }

    public void Dispose() => LocalEnrollmentSources.Reset();
}
