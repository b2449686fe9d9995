using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using Xunit;
using Xunit.Abstractions;

namespace BulkEnroll.Tests.Module.NetFramework;

/// <summary>
/// Windows PowerShell 5.1 cannot run here, so the built module folder is checked type by type against the
/// .NET Framework 4.7.2 reference assemblies: what would fail to bind there fails here first, before a user's PC.
/// </summary>
public sealed class NetFrameworkLoadCheckTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly AssemblySet _assemblies;

    public NetFrameworkLoadCheckTests(ITestOutputHelper output)
    {
        _output = output;
        _assemblies = new AssemblySet(Metadata("Net472ReferenceAssemblies"), Metadata("PowerShell51ReferenceAssembly"), ModuleFolder);
    }

    /// <summary>The module folder the module project lays out (build.ps1 -Task Build writes the same into out/).</summary>
    private static string ModuleFolder
    {
        get
        {
            string? built = Environment.GetEnvironmentVariable("BULKENROLL_MODULE");
            return built != null ? Path.GetDirectoryName(built)! : Metadata("BulkEnrollModuleLayoutDir");
        }
    }

    public void Dispose() => _assemblies.Dispose();

    [Fact]
    public void TheModuleFolderHoldsTheModuleAndItsDependencies()
    {
        var names = _assemblies.Module.Select(a => a.Name).ToList();
        Assert.Contains("BulkEnroll", names);
        Assert.Contains("BulkEnroll.Packaging", names);
        Assert.Contains("Polly.Core", names);
        Assert.Contains("System.Text.Json", names);
    }

    [Fact]
    public void EveryTypeAndMemberReferenceResolvesAgainstNetFramework472AndTheFolder()
    {
        var resolver = new ReferenceResolver(_assemblies);
        var unresolved = new List<string>();
        int checkedReferences = 0;
        foreach (LoadedAssembly assembly in _assemblies.Module)
        {
            foreach (TypeReferenceHandle type in assembly.Reader.TypeReferences)
            {
                checkedReferences++;
                if (resolver.ResolveType(assembly, type, out string? error) == null)
                {
                    unresolved.Add($"{assembly.Name}: {error}");
                }
            }

            foreach (MemberReferenceHandle member in assembly.Reader.MemberReferences)
            {
                checkedReferences++;
                if (resolver.ResolveMember(assembly, member) is string error)
                {
                    unresolved.Add($"{assembly.Name}: {error}");
                }
            }
        }

        _output.WriteLine($"{checkedReferences} references checked in {_assemblies.Module.Count} assemblies; {unresolved.Count} unresolved.");
        Assert.True(checkedReferences > 1000, $"Only {checkedReferences} references: the module folder is not what it should be.");
        Assert.True(unresolved.Count == 0, "Would not bind on .NET Framework 4.7.2:\n" + string.Join("\n", unresolved.Distinct()));
    }

    /// <summary>
    /// Every reference to a version other than the one the folder ships is listed; each must be one the module's
    /// resolver serves (Loading/DependencyResolver: an older version than shipped gets the shipped one; a newer one
    /// cannot be served).
    /// </summary>
    [Fact]
    public void EveryVersionMismatchIsOneTheResolverHandles()
    {
        var mismatches = new List<string>();
        var unserved = new List<string>();
        foreach (LoadedAssembly assembly in _assemblies.Module)
        {
            foreach (AssemblyReferenceHandle handle in assembly.Reader.AssemblyReferences)
            {
                AssemblyReference reference = assembly.Reader.GetAssemblyReference(handle);
                string name = assembly.Reader.GetString(reference.Name);
                LoadedAssembly? bound = _assemblies.Bind(name);
                if (bound == null || bound.IsFramework || bound.Version == reference.Version)
                {
                    continue;
                }

                string line = $"{assembly.Name} -> {name} {reference.Version} (shipped {bound.Version})";
                mismatches.Add(line);
                if (reference.Version > bound.Version)
                {
                    unserved.Add(line);
                }
            }
        }

        _output.WriteLine($"{mismatches.Count} version mismatches the resolver serves with the shipped version:");
        foreach (string line in mismatches)
        {
            _output.WriteLine("  " + line);
        }

        Assert.True(unserved.Count == 0, "References to a newer version than shipped (the resolver declines them):\n" + string.Join("\n", unserved));
    }

    /// <summary>
    /// Windows PowerShell enumerates the module's public types (cmdlets, their parameters, output types) as it imports
    /// it; a public signature that names a dependencies/ assembly would make it load one before, or without, the resolver.
    /// </summary>
    [Fact]
    public void NoPublicSignatureNeedsADependencyAssembly()
    {
        LoadedAssembly module = _assemblies.Module.Single(a => a.Name == "BulkEnroll");
        MetadataReader reader = module.Reader;
        var offending = new List<string>();
        foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            if (!IsVisible(reader, type))
            {
                continue;
            }

            var scopes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var names = new SignatureNames { Scopes = scopes };
            AddScope(reader, type.BaseType, names);
            foreach (InterfaceImplementationHandle i in type.GetInterfaceImplementations())
            {
                AddScope(reader, reader.GetInterfaceImplementation(i).Interface, names);
            }

            foreach (MethodDefinitionHandle m in type.GetMethods())
            {
                MethodDefinition method = reader.GetMethodDefinition(m);
                MethodAttributes access = method.Attributes & MethodAttributes.MemberAccessMask;
                if (access == MethodAttributes.Public || access == MethodAttributes.Family || access == MethodAttributes.FamORAssem)
                {
                    method.DecodeSignature(names, null);
                }
            }

            foreach (FieldDefinitionHandle f in type.GetFields())
            {
                FieldDefinition field = reader.GetFieldDefinition(f);
                FieldAttributes access = field.Attributes & FieldAttributes.FieldAccessMask;
                if (access == FieldAttributes.Public || access == FieldAttributes.Family || access == FieldAttributes.FamORAssem)
                {
                    field.DecodeSignature(names, null);
                }
            }

            foreach (string scope in scopes.Where(_assemblies.IsDependency))
            {
                offending.Add($"{SignatureNames.FullName(reader, handle)} names {scope}");
            }
        }

        Assert.True(offending.Count == 0, "Public signatures that need a dependencies/ assembly:\n" + string.Join("\n", offending));
    }

    private static void AddScope(MetadataReader reader, EntityHandle type, SignatureNames names)
    {
        switch (type.Kind)
        {
            case HandleKind.TypeReference:
                names.GetTypeFromReference(reader, (TypeReferenceHandle)type, 0);
                break;
            case HandleKind.TypeSpecification:
                names.GetTypeFromSpecification(reader, null, (TypeSpecificationHandle)type, 0);
                break;
        }
    }

    private static bool IsVisible(MetadataReader reader, TypeDefinition type)
    {
        TypeAttributes visibility = type.Attributes & TypeAttributes.VisibilityMask;
        if (visibility == TypeAttributes.Public)
        {
            return true;
        }

        return (visibility == TypeAttributes.NestedPublic || visibility == TypeAttributes.NestedFamily || visibility == TypeAttributes.NestedFamORAssem)
            && IsVisible(reader, reader.GetTypeDefinition(type.GetDeclaringType()));
    }

    private static string Metadata(string key)
        => typeof(NetFrameworkLoadCheckTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
            ?? throw new InvalidOperationException($"The test project sets no {key}.");
}
