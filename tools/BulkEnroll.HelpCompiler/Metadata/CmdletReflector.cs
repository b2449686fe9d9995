using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace BulkEnroll.HelpCompiler.Metadata;

/// <summary>
/// Reads cmdlets from an assembly the way PowerShell's parameter binder sees them: names, types, sets, positions,
/// pipeline input, aliases, wildcards and accepted values from the attributes; default values from a fresh instance
/// (property initializers leave no other trace). Help is compiled from this so it cannot disagree with the code.
/// </summary>
public static class CmdletReflector
{
    public static IReadOnlyList<CmdletDescription> Read(Assembly assembly)
        => assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && typeof(Cmdlet).IsAssignableFrom(t))
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<CmdletAttribute>()))
            .Where(c => c.Attribute != null)
            .Select(c => Describe(c.Type, c.Attribute!))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

    public static CmdletDescription Describe(Type type, CmdletAttribute attribute)
    {
        object? instance = Activator.CreateInstance(type);
        try
        {
            var parameters = new List<ParameterDescription>();
            foreach (PropertyInfo property in BindableProperties(type))
            {
                ParameterAttribute[] usages = Attribute.GetCustomAttributes(property, typeof(ParameterAttribute), true).Cast<ParameterAttribute>().ToArray();
                if (usages.Length > 0)
                {
                    parameters.Add(DescribeParameter(property, usages, instance));
                }
            }

            if (attribute.SupportsShouldProcess)
            {
                parameters.AddRange(CommonParameterCatalog.ShouldProcess.Select(p => p.AsSwitchParameter()));
            }

            List<string> sets = ParameterSetsOf(parameters, attribute.DefaultParameterSetName);
            List<Type> outputs = type.GetCustomAttributes<OutputTypeAttribute>(true)
                .SelectMany(a => a.Type)
                .Select(t => t.Type ?? throw new InvalidOperationException($"{type.Name}: [OutputType] names '{t.Name}' by string; give the type."))
                .Distinct()
                .ToList();
            return new CmdletDescription(attribute.VerbName, attribute.NounName, parameters, sets, outputs);
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }

    /// <summary>Public instance properties, the most derived declaration of each name only (as the binder does).</summary>
    private static IEnumerable<PropertyInfo> BindableProperties(Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderByDescending(p => Depth(p.DeclaringType)).First());

    private static int Depth(Type? type)
    {
        int depth = 0;
        for (; type != null; type = type.BaseType)
        {
            depth++;
        }

        return depth;
    }

    private static ParameterDescription DescribeParameter(PropertyInfo property, ParameterAttribute[] usages, object? instance)
    {
        var sets = new Dictionary<string, ParameterSetUsage>(StringComparer.OrdinalIgnoreCase);
        foreach (ParameterAttribute usage in usages)
        {
            sets[usage.ParameterSetName ?? ParameterDescription.AllSets] = new ParameterSetUsage(
                usage.Mandatory, usage.Position == int.MinValue ? null : usage.Position, usage.ValueFromPipeline, usage.ValueFromPipelineByPropertyName);
        }

        string[] aliases = property.GetCustomAttributes<AliasAttribute>(true).SelectMany(a => a.AliasNames).ToArray();
        bool wildcards = property.GetCustomAttributes<SupportsWildcardsAttribute>(true).Any();
        bool mandatoryEverywhere = sets.Values.All(s => s.Mandatory);
        string? defaultValue = mandatoryEverywhere || instance == null ? null : DefaultValueText.Of(property.GetValue(instance));
        return new ParameterDescription(property.Name, property.PropertyType, aliases, wildcards, AcceptedValues(property), defaultValue, sets);
    }

    private static IReadOnlyList<string> AcceptedValues(PropertyInfo property)
    {
        ValidateSetAttribute? set = property.GetCustomAttribute<ValidateSetAttribute>(true);
        if (set != null)
        {
            return set.ValidValues.ToList();
        }

        Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        type = type.IsArray ? type.GetElementType()! : type;
        return type.IsEnum ? Enum.GetNames(type) : Array.Empty<string>();
    }

    /// <summary>
    /// The named sets, the default first. A DefaultParameterSetName no parameter names is still a set of its own:
    /// the one made of the parameters that belong to every set.
    /// </summary>
    private static List<string> ParameterSetsOf(IEnumerable<ParameterDescription> parameters, string? defaultSet)
    {
        var named = new SortedSet<string>(parameters.SelectMany(p => p.Sets.Keys).Where(s => s != ParameterDescription.AllSets), StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(defaultSet))
        {
            named.Add(defaultSet);
        }

        return named.Count == 0
            ? new List<string> { ParameterDescription.AllSets }
            : named.OrderBy(s => string.Equals(s, defaultSet, StringComparison.OrdinalIgnoreCase) ? 0 : 1).ToList();
    }
}
