using System.Linq;
using System.Reflection;
using Xunit;

namespace BulkEnroll.Packaging.Tests;

public class LibraryTests
{
    /// <summary>The library must load in Windows PowerShell 5.1 and PowerShell 7 alike and serve any .NET caller.</summary>
    [Fact]
    public void TheLibraryIsNetStandard20AndReferencesNoPowerShell()
    {
        Assembly library = typeof(NativePackageBuilder).Assembly;

        Assert.DoesNotContain(library.GetReferencedAssemblies(), a => a.Name!.StartsWith("System.Management.Automation") || a.Name.StartsWith("BulkEnroll"));
        Assert.Contains(library.GetReferencedAssemblies(), a => a.Name == "netstandard" && a.Version!.Major == 2 && a.Version.Minor == 0);
        Assert.Equal(".NETStandard,Version=v2.0", library.GetCustomAttributes<System.Runtime.Versioning.TargetFrameworkAttribute>().Single().FrameworkName);
    }
}
