using System.Runtime.CompilerServices;

namespace BulkEnroll.Tests.Hosting;

internal static class TestAssemblySetup
{
    /// <summary>
    /// Unit tests call the client directly, without Import-Module; give them the same dependency resolution
    /// (Polly into the module's own load context) that importing the module installs.
    /// </summary>
    [ModuleInitializer]
    internal static void RegisterModuleDependencyResolver() => BulkEnroll.Loading.DependencyResolver.Register();
}
