using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace BulkEnroll.Tests.Module.NetFramework;

/// <summary>One assembly's metadata, open for reading, and where it came from.</summary>
internal sealed class LoadedAssembly : IDisposable
{
    private readonly PEReader _pe;

    public static LoadedAssembly? TryOpen(string path, bool isFramework)
    {
        var pe = new PEReader(File.OpenRead(path));
        if (!pe.HasMetadata || !pe.GetMetadataReader().IsAssembly)
        {
            pe.Dispose();
            return null;
        }

        return new LoadedAssembly(path, isFramework, pe);
    }

    public LoadedAssembly(string path, bool isFramework)
        : this(path, isFramework, new PEReader(File.OpenRead(path)))
    {
    }

    private LoadedAssembly(string path, bool isFramework, PEReader pe)
    {
        Path = path;
        IsFramework = isFramework;
        _pe = pe;
        Reader = _pe.GetMetadataReader();
        AssemblyDefinition definition = Reader.GetAssemblyDefinition();
        Name = Reader.GetString(definition.Name);
        Version = definition.Version;
    }

    public string Path { get; }

    public bool IsFramework { get; }

    public string Name { get; }

    public Version Version { get; }

    public MetadataReader Reader { get; }

    public void Dispose() => _pe.Dispose();
}

/// <summary>
/// The assemblies a Windows PowerShell 5.1 process would bind against: the .NET Framework 4.7.2 reference assemblies
/// (with their Facades, netstandard.dll among them), PowerShell 5.1's System.Management.Automation (as
/// PowerShellStandard.Library 5.1.1 describes it), and the module folder (root, dependencies/, and for names it has,
/// dependencies/netfx/, which the module's resolver prefers on .NET Framework).
/// </summary>
internal sealed class AssemblySet : IDisposable
{
    private readonly Dictionary<string, LoadedAssembly> _framework = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LoadedAssembly> _module = new(StringComparer.OrdinalIgnoreCase);

    public AssemblySet(string referenceAssemblies, string powerShell, string moduleFolder)
    {
        IEnumerable<string> frameworkFiles = Directory.GetFiles(referenceAssemblies, "*.dll")
            .Concat(Directory.GetFiles(Path.Combine(referenceAssemblies, "Facades"), "*.dll"))
            .Append(powerShell);
        foreach (string path in frameworkFiles)
        {
            // A few files there are not assemblies (native helpers, modules): nothing binds to them by name.
            if (LoadedAssembly.TryOpen(path, isFramework: true) is LoadedAssembly assembly)
            {
                _framework[assembly.Name] = assembly;
            }
        }

        string dependencies = Path.Combine(moduleFolder, "dependencies");
        IEnumerable<string> files = Directory.GetFiles(moduleFolder, "*.dll")
            .Concat(Directory.Exists(dependencies) ? Directory.GetFiles(dependencies, "*.dll") : Array.Empty<string>());
        string netfx = Path.Combine(dependencies, "netfx");
        foreach (string path in files)
        {
            string preferred = Path.Combine(netfx, Path.GetFileName(path));
            var assembly = new LoadedAssembly(File.Exists(preferred) ? preferred : path, isFramework: false);
            _module[assembly.Name] = assembly;
        }
    }

    /// <summary>The module folder's assemblies, each checked.</summary>
    public IReadOnlyCollection<LoadedAssembly> Module => _module.Values;

    /// <summary>Names only the module folder has: what the module's resolver must supply on 5.1.</summary>
    public bool IsDependency(string name) => _module.ContainsKey(name) && !_framework.ContainsKey(name) && !name.StartsWith("BulkEnroll", StringComparison.Ordinal);

    /// <summary>
    /// The assembly a reference binds to on .NET Framework: the framework's own when it has that name (the CLR
    /// unifies framework assembly versions), otherwise the module folder's (through the module's resolver).
    /// </summary>
    public LoadedAssembly? Bind(string name)
        => _framework.TryGetValue(name, out LoadedAssembly? framework) ? framework
            : _module.TryGetValue(name, out LoadedAssembly? own) ? own : null;

    public void Dispose()
    {
        foreach (LoadedAssembly assembly in _framework.Values.Concat(_module.Values))
        {
            assembly.Dispose();
        }
    }
}
