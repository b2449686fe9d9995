using System.Collections.Generic;
using System.Linq;
using System.Reflection.Metadata;

namespace BulkEnroll.Tests.Module.NetFramework;

/// <summary>
/// Resolves type and member references the way the CLR would on .NET Framework: by assembly name (see
/// <see cref="AssemblySet.Bind"/>), through type forwarders, then by name and exact signature (inherited members too).
/// </summary>
internal sealed class ReferenceResolver
{
    private static readonly SignatureNames Names = new();
    private readonly AssemblySet _assemblies;
    private readonly Dictionary<(LoadedAssembly, string), TypeDefinitionHandle> _topLevel = new();
    private readonly HashSet<LoadedAssembly> _indexed = new();

    public ReferenceResolver(AssemblySet assemblies) => _assemblies = assemblies;

    /// <summary>The type a reference names, or an error text.</summary>
    public (LoadedAssembly Assembly, TypeDefinitionHandle Type)? ResolveType(LoadedAssembly from, TypeReferenceHandle handle, out string? error)
    {
        error = null;
        TypeReference reference = from.Reader.GetTypeReference(handle);
        string name = from.Reader.GetString(reference.Name);
        switch (reference.ResolutionScope.Kind)
        {
            case HandleKind.TypeReference:
                var outer = ResolveType(from, (TypeReferenceHandle)reference.ResolutionScope, out error);
                if (outer == null)
                {
                    return null;
                }

                foreach (TypeDefinitionHandle nested in outer.Value.Assembly.Reader.GetTypeDefinition(outer.Value.Type).GetNestedTypes())
                {
                    if (outer.Value.Assembly.Reader.GetString(outer.Value.Assembly.Reader.GetTypeDefinition(nested).Name) == name)
                    {
                        return (outer.Value.Assembly, nested);
                    }
                }

                error = $"nested type {SignatureNames.FullName(from.Reader, handle)} not found in {outer.Value.Assembly.Name}";
                return null;
            case HandleKind.AssemblyReference:
                string assembly = from.Reader.GetString(from.Reader.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope).Name);
                return FindTopLevel(assembly, from.Reader.GetString(reference.Namespace), name, 0, out error);
            case HandleKind.ModuleDefinition:
                return FindTopLevel(from.Name, from.Reader.GetString(reference.Namespace), name, 0, out error);
            default:
                error = $"{SignatureNames.FullName(from.Reader, handle)}: resolution scope {reference.ResolutionScope.Kind} is not supported";
                return null;
        }
    }

    private (LoadedAssembly, TypeDefinitionHandle)? FindTopLevel(string assemblyName, string ns, string name, int depth, out string? error)
    {
        error = null;
        string full = ns.Length == 0 ? name : ns + "." + name;
        LoadedAssembly? target = _assemblies.Bind(assemblyName);
        if (target == null)
        {
            error = $"assembly {assemblyName} (for {full}) is neither in .NET Framework 4.7.2 nor in the module folder";
            return null;
        }

        Index(target);
        if (_topLevel.TryGetValue((target, full), out TypeDefinitionHandle found))
        {
            return (target, found);
        }

        foreach (ExportedTypeHandle exportedHandle in target.Reader.ExportedTypes)
        {
            ExportedType exported = target.Reader.GetExportedType(exportedHandle);
            if (exported.Implementation.Kind == HandleKind.AssemblyReference && depth < 8
                && target.Reader.GetString(exported.Name) == name && target.Reader.GetString(exported.Namespace) == ns)
            {
                string next = target.Reader.GetString(target.Reader.GetAssemblyReference((AssemblyReferenceHandle)exported.Implementation).Name);
                return FindTopLevel(next, ns, name, depth + 1, out error);
            }
        }

        error = $"type {full} not found in {target.Name} {target.Version} ({(target.IsFramework ? ".NET Framework 4.7.2" : "module folder")})";
        return null;
    }

    private void Index(LoadedAssembly assembly)
    {
        if (!_indexed.Add(assembly))
        {
            return;
        }

        foreach (TypeDefinitionHandle handle in assembly.Reader.TypeDefinitions)
        {
            if (assembly.Reader.GetTypeDefinition(handle).GetDeclaringType().IsNil)
            {
                _topLevel[(assembly, SignatureNames.FullName(assembly.Reader, handle))] = handle;
            }
        }
    }

    /// <summary>Null when the member reference resolves, else why not; references to arrays' runtime methods are skipped.</summary>
    public string? ResolveMember(LoadedAssembly from, MemberReferenceHandle handle)
    {
        MemberReference member = from.Reader.GetMemberReference(handle);
        string name = from.Reader.GetString(member.Name);
        TypeReferenceHandle? parent = ParentType(from.Reader, member.Parent);
        if (parent == null)
        {
            return null; // own definitions, module references, array types: nothing to bind elsewhere
        }

        var type = ResolveType(from, parent.Value, out string? error);
        if (type == null)
        {
            return error;
        }

        string wanted;
        bool isMethod = member.GetKind() == MemberReferenceKind.Method;
        wanted = isMethod ? SignatureNames.Method(member.DecodeMethodSignature(Names, null)) : member.DecodeFieldSignature(Names, null);
        for (var current = type; current != null; current = BaseOf(current.Value))
        {
            MetadataReader reader = current.Value.Assembly.Reader;
            TypeDefinition definition = reader.GetTypeDefinition(current.Value.Type);
            if (isMethod && definition.GetMethods().Any(m => reader.GetString(reader.GetMethodDefinition(m).Name) == name
                    && SignatureNames.Method(reader.GetMethodDefinition(m).DecodeSignature(Names, null)) == wanted))
            {
                return null;
            }

            if (!isMethod && definition.GetFields().Any(f => reader.GetString(reader.GetFieldDefinition(f).Name) == name
                    && reader.GetFieldDefinition(f).DecodeSignature(Names, null) == wanted))
            {
                return null;
            }
        }

        return $"{(isMethod ? "method" : "field")} {SignatureNames.FullName(from.Reader, parent.Value)}::{name} {wanted} not found in {type.Value.Assembly.Name} {type.Value.Assembly.Version}";
    }

    private (LoadedAssembly Assembly, TypeDefinitionHandle Type)? BaseOf((LoadedAssembly Assembly, TypeDefinitionHandle Type) type)
    {
        EntityHandle baseType = type.Assembly.Reader.GetTypeDefinition(type.Type).BaseType;
        if (baseType.Kind == HandleKind.TypeDefinition)
        {
            return (type.Assembly, (TypeDefinitionHandle)baseType);
        }

        TypeReferenceHandle? reference = ParentType(type.Assembly.Reader, baseType);
        return reference == null ? null : ResolveType(type.Assembly, reference.Value, out _);
    }

    /// <summary>The type reference behind a member's parent: itself, or a generic instantiation's generic type.</summary>
    private static TypeReferenceHandle? ParentType(MetadataReader reader, EntityHandle parent)
    {
        if (parent.Kind == HandleKind.TypeReference)
        {
            return (TypeReferenceHandle)parent;
        }

        if (parent.Kind != HandleKind.TypeSpecification)
        {
            return null;
        }

        BlobReader blob = reader.GetBlobReader(reader.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
        {
            return null;
        }

        blob.ReadSignatureTypeCode(); // class or value type
        EntityHandle generic = blob.ReadTypeHandle();
        return generic.Kind == HandleKind.TypeReference ? (TypeReferenceHandle)generic : null;
    }
}
