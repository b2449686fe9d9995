using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.Loader;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Module;

public sealed class ModuleLoadingTests
{
    [Fact]
    public void ManifestExportsExactlyTheCmdletsTheAssemblyDefines()
    {
        using var session = new PowerShellSession();
        var exported = session.Run("(Get-Module BulkEnroll).ExportedCmdlets.Keys").ThrowIfErrors()
            .Output.Select(o => o.ToString()).OrderBy(n => n).ToList();
        var defined = typeof(BulkEnroll.Commands.AsyncCmdlet).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(CmdletAttribute), false).OfType<CmdletAttribute>().SingleOrDefault())
            .Where(a => a != null)
            .Select(a => a!.VerbName + "-" + a.NounName)
            .OrderBy(n => n)
            .ToList();

        Assert.Contains("Connect-BulkEnroll", exported);
        Assert.Equal(defined, exported);
    }

    [Fact]
    public void ManifestVersionIsTheAssemblyVersion()
    {
        using var session = new PowerShellSession();
        string manifestVersion = session.Run("(Get-Module BulkEnroll).Version.ToString()").ThrowIfErrors().Output.Single().ToString();
        Version assemblyVersion = typeof(BulkEnroll.Commands.AsyncCmdlet).Assembly.GetName().Version!;
        Assert.Equal(manifestVersion, $"{assemblyVersion.Major}.{assemblyVersion.Minor}.{assemblyVersion.Build}");
    }

    [Fact]
    public void PollyLoadsIntoTheModulesOwnLoadContextAndPublicTypesStayInTheDefaultOne()
    {
        using var session = new PowerShellSession();
        // Touch the client so Polly is needed, whatever the test order.
        var options = new BulkEnroll.Neurons.NeuronsClientOptions();
        _ = BulkEnroll.Neurons.Resilience.Create(options, idempotent: true, BulkEnroll.Neurons.Resilience.CreateBreaker(options, _ => { }));

        var polly = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "Polly.Core");
        Assert.Equal("BulkEnroll", AssemblyLoadContext.GetLoadContext(polly)!.Name);
        Assert.StartsWith(Path.Combine(AppContext.BaseDirectory, "dependencies"), polly.Location);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(typeof(BulkEnroll.BulkEnrollConnection).Assembly));
    }

    [Fact]
    public void ThePackagingLibraryShipsBesideTheModuleAndLoadsIntoTheDefaultContext()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        string layout = RepositoryFiles.Path("artifacts", "module", configuration, "BulkEnroll");
        Assert.True(File.Exists(Path.Combine(layout, "BulkEnroll.Packaging.dll")), $"{layout} has no BulkEnroll.Packaging.dll beside BulkEnroll.dll");
        Assert.False(File.Exists(Path.Combine(layout, "dependencies", "BulkEnroll.Packaging.dll")));

        using var session = new PowerShellSession();
        var library = session.Run("[BulkEnroll.GenericUser]::IsEnrollableUpn('windows-bulkenroll-a@contoso.com')").ThrowIfErrors();
        Assert.True((bool)library.Output.Single().BaseObject);
        var packaging = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "BulkEnroll.Packaging");
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(packaging));
        Assert.Equal(AppContext.BaseDirectory, Path.GetDirectoryName(packaging.Location) + Path.DirectorySeparatorChar);
    }

    [Theory]
    [InlineData("Microsoft.Win32.Registry")]
    [InlineData("System.IO.FileSystem.AccessControl")]
    [InlineData("System.Security.AccessControl")]
    [InlineData("System.Security.Principal.Windows")]
    public void WindowsPowerShellGetsTheWindowsFrameworkBuildOfWindowsOnlyDependencies(string assembly)
    {
        string portable = Path.Combine(AppContext.BaseDirectory, "dependencies", assembly + ".dll");
        string framework = Path.Combine(AppContext.BaseDirectory, "dependencies", "netfx", assembly + ".dll");

        Assert.True(File.Exists(portable));
        Assert.True(File.Exists(framework));
        Assert.NotEqual(File.ReadAllBytes(portable), File.ReadAllBytes(framework));
        using var reader = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(framework));
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
        string target = metadata.GetAssemblyDefinition().GetCustomAttributes()
            .Select(h => metadata.GetCustomAttribute(h))
            .Select(a => System.Text.Encoding.UTF8.GetString(metadata.GetBlobBytes(a.Value)))
            .FirstOrDefault(v => v.Contains(".NETFramework")) ?? string.Empty;
        Assert.Contains(".NETFramework,Version=v4.6.1", target);
    }

    [Fact]
    public void ImportingTheModuleDoesNotTouchTheNetworkAndTheFolderShipsNoPollyBesideTheDll()
    {
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "Polly.Core.dll")));
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "dependencies", "Polly.Core.dll")));
        using var session = new PowerShellSession();
        var result = session.Run("Get-BulkEnrollConnection");
        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
    }
}
