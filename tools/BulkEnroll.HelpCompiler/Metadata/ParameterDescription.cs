using System;
using System.Collections.Generic;
using System.Linq;

namespace BulkEnroll.HelpCompiler.Metadata;

/// <summary>One parameter as PowerShell binds it, read from its attributes.</summary>
public sealed class ParameterDescription
{
    /// <summary>The name PowerShell gives parameters declared without a ParameterSetName.</summary>
    public const string AllSets = "__AllParameterSets";

    public ParameterDescription(string name, Type type, IReadOnlyList<string> aliases, bool supportsWildcards,
        IReadOnlyList<string> acceptedValues, string? defaultValue, IReadOnlyDictionary<string, ParameterSetUsage> sets)
    {
        Name = name;
        Type = type;
        Aliases = aliases;
        SupportsWildcards = supportsWildcards;
        AcceptedValues = acceptedValues;
        DefaultValue = defaultValue;
        Sets = sets;
    }

    public string Name { get; }

    public Type Type { get; }

    public IReadOnlyList<string> Aliases { get; }

    public bool SupportsWildcards { get; }

    /// <summary>From [ValidateSet] or the enum's names; empty when any value goes.</summary>
    public IReadOnlyList<string> AcceptedValues { get; }

    /// <summary>The value the property holds before binding, as text; null when there is none worth showing.</summary>
    public string? DefaultValue { get; }

    /// <summary>How the parameter takes part in each set it belongs to (key <see cref="AllSets"/>: every set).</summary>
    public IReadOnlyDictionary<string, ParameterSetUsage> Sets { get; }

    public bool IsSwitch => Type == typeof(System.Management.Automation.SwitchParameter);

    public ParameterSetUsage? In(string set)
        => Sets.TryGetValue(set, out ParameterSetUsage? usage) ? usage : Sets.TryGetValue(AllSets, out usage) ? usage : null;

    /// <summary>Mandatory wherever it can be used.</summary>
    public bool AlwaysMandatory => Sets.Values.All(s => s.Mandatory);

    public bool ByValue => Sets.Values.Any(s => s.ValueFromPipeline);

    public bool ByPropertyName => Sets.Values.Any(s => s.ValueFromPipelineByPropertyName);

    public override string ToString() => "-" + Name;
}

/// <summary>The [Parameter] attribute of one parameter for one set.</summary>
public sealed record ParameterSetUsage(bool Mandatory, int? Position, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName);
