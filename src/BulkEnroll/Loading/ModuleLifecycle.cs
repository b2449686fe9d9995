using System.Management.Automation;

namespace BulkEnroll.Loading;

/// <summary>
/// PowerShell calls this when the module is imported and removed: the only moment early enough to
/// install the dependency resolver before any cmdlet touches Polly or System.Text.Json.
/// </summary>
public sealed class ModuleLifecycle : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport() => DependencyResolver.Register();

    public void OnRemove(PSModuleInfo psModuleInfo) => DependencyResolver.Unregister();
}
