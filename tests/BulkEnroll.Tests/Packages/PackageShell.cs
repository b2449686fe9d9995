using System;
using BulkEnroll.Tests.Hosting;

namespace BulkEnroll.Tests.Packages;

/// <summary>One PowerShell session per test class: importing the module is the slow part, and the package cmdlets keep no state.</summary>
public sealed class PackageShell : IDisposable
{
    public PowerShellSession Session { get; } = new();

    public void Dispose() => Session.Dispose();
}
