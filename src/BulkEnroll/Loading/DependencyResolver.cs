using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace BulkEnroll.Loading;

/// <summary>
/// Resolves the module's third-party assemblies from its dependencies/ folder.
/// On PowerShell 7 they are loaded into one AssemblyLoadContext of our own, so a different Polly (or other
/// dependency) loaded by another module cannot clash with ours, and ours cannot break theirs. Our public
/// types stay in BulkEnroll.dll in the default context, so casts and pipelines across modules keep working.
/// On Windows PowerShell 5.1 there is only one AppDomain: the assemblies are loaded from the same folder
/// and shared with the session (documented in the README).
/// The resolver only answers for names the default context could not bind, so framework assemblies that
/// PowerShell 7 already carries (System.Text.Json, System.Memory...) are always the runtime's own.
/// </summary>
internal static class DependencyResolver
{
    internal const string LoadContextName = "BulkEnroll";

    private static readonly object Gate = new object();
    private static readonly Dictionary<string, Assembly> Loaded = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
    private static string? _dependencyDirectory;
    private static object? _loadContext;
    private static MethodInfo? _loadFromAssemblyPath;
    private static bool _registered;

    internal static string ModuleDirectory
        => Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? Environment.CurrentDirectory;

    internal static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            _dependencyDirectory = Path.Combine(ModuleDirectory, "dependencies");
            if (!IsNetFramework())
            {
                CreateIsolatedLoadContext();
            }

            AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
            _registered = true;
        }
    }

    internal static void Unregister()
    {
        lock (Gate)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
            _registered = false;
        }
    }

    private static bool IsNetFramework()
        => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    // netstandard2.0 cannot name AssemblyLoadContext; since .NET Core 3.0 it is a concrete class, so a plain
    // instance created through reflection is enough: nothing here needs a custom Load override.
    private static void CreateIsolatedLoadContext()
    {
        Type? contextType = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
        ConstructorInfo? constructor = contextType?.GetConstructor(new[] { typeof(string), typeof(bool) });
        if (contextType == null || constructor == null)
        {
            return;
        }

        _loadContext = constructor.Invoke(new object[] { LoadContextName, false });
        _loadFromAssemblyPath = contextType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
    }

    private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
    {
        string? simpleName = new AssemblyName(args.Name).Name;
        if (string.IsNullOrEmpty(simpleName) || _dependencyDirectory == null)
        {
            return null;
        }

        string candidate = Path.Combine(_dependencyDirectory, simpleName + ".dll");
        string netFramework = Path.Combine(_dependencyDirectory, "netfx", simpleName + ".dll");
        if (_loadContext == null && File.Exists(netFramework))
        {
            // Windows PowerShell: the Windows .NET Framework build of a Windows-only package, not its portable stub.
            candidate = netFramework;
        }
        else if (!File.Exists(candidate))
        {
            return null;
        }

        lock (Gate)
        {
            if (Loaded.TryGetValue(simpleName!, out Assembly? known))
            {
                return known;
            }

            Assembly assembly = _loadContext != null && _loadFromAssemblyPath != null
                ? (Assembly)_loadFromAssemblyPath.Invoke(_loadContext, new object[] { candidate })
                : Assembly.LoadFrom(candidate);
            Loaded[simpleName!] = assembly;
            return assembly;
        }
    }
}
