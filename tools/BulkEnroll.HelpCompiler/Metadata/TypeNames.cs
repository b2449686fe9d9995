using System;

namespace BulkEnroll.HelpCompiler.Metadata;

/// <summary>Type names as help shows them: Nullable unwrapped (PowerShell binds the value type), arrays as T[].</summary>
public static class TypeNames
{
    public static string Short(Type type) => Name(type, t => t.Name);

    public static string Full(Type type) => Name(type, t => t.FullName ?? t.Name);

    private static string Name(Type type, Func<Type, string> name)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsArray ? Name(type.GetElementType()!, name) + "[]" : name(type);
    }
}
