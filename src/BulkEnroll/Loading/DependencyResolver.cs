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
    private static int _imports;

    internal static string ModuleDirectory
        => Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? Environment.CurrentDirectory;

    /// <summary>
    /// Hooks the resolver once per process. Every import (one per runspace) counts, and only the last removal
    /// unhooks it: the assemblies stay loaded in the process, and the runspaces that still have the module
    /// keep needing their references resolved.
    /// </summary>
    internal static void Register()
    {
        lock (Gate)
        {
            _imports++;
            if (_registered)
            {
                return;
            }

            if (_dependencyDirectory == null)
            {
                _dependencyDirectory = Path.Combine(ModuleDirectory, "dependencies");
                if (!IsNetFramework())
                {
                    CreateIsolatedLoadContext();
                }
            }

            AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
            _registered = true;
        }
    }

    internal static void Unregister()
    {
        lock (Gate)
        {
            _imports = Math.Max(0, _imports - 1);
            if (_imports > 0 || !_registered)
            {
                return;
            }

            AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
            _registered = false;
        }
    }

    internal static bool IsRegistered
    {
        get
        {
            lock (Gate)
            {
                return _registered;
            }
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

        // Only for the module's own: a request from another module's assembly is that module's business, even for a
        // name we ship (it may need another version than ours).
        if (args.RequestingAssembly != null && !IsOwn(args.RequestingAssembly))
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

        // An older version than the one shipped is served by it (the build's unification: e.g. System.Buffers 4.0.2.0
        // asked for, 4.0.3.0 shipped); a newer one cannot be, and is left to whoever else can answer.
        Version? requested = new AssemblyName(args.Name).Version;
        if (requested != null && ShippedVersion(candidate) is Version shipped && requested > shipped)
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

    private static readonly Dictionary<string, Version?> ShippedVersions = new Dictionary<string, Version?>(StringComparer.OrdinalIgnoreCase);

    private static Version? ShippedVersion(string path)
    {
        lock (Gate)
        {
            if (!ShippedVersions.TryGetValue(path, out Version? version))
            {
                version = AssemblyName.GetAssemblyName(path).Version;
                ShippedVersions[path] = version;
            }

            return version;
        }
    }

    /// <summary>BulkEnroll.dll, BulkEnroll.Packaging.dll and what was loaded from dependencies/.</summary>
    private static bool IsOwn(Assembly requesting)
    {
        string location;
        try
        {
            location = requesting.IsDynamic ? string.Empty : requesting.Location;
        }
        catch (NotSupportedException)
        {
            return false;
        }

        string? directory = string.IsNullOrEmpty(location) ? null : Path.GetDirectoryName(location);
        if (directory == null)
        {
            return false;
        }

        string moduleDirectory = ModuleDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return string.Equals(directory, moduleDirectory, StringComparison.OrdinalIgnoreCase)
            || directory.StartsWith(moduleDirectory + Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase);
    }
}
