using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Internal;
using System.Reflection;

namespace BulkEnroll.HelpCompiler.Metadata;

/// <summary>
/// PowerShell's own common parameters (-Verbose, -ErrorAction...) and the ShouldProcess pair (-WhatIf, -Confirm),
/// with their aliases, read from the engine rather than listed here, so a new engine version cannot surprise us.
/// </summary>
public static class CommonParameterCatalog
{
    /// <summary>Implied by every cmdlet; help does not describe them one by one.</summary>
    public static IReadOnlyList<NamedParameter> Common { get; } = Read(typeof(CommonParameters));

    /// <summary>Added by SupportsShouldProcess; help describes them like the cmdlet's own.</summary>
    public static IReadOnlyList<NamedParameter> ShouldProcess { get; } = Read(typeof(ShouldProcessParameters));

    private static IReadOnlyList<NamedParameter> Read(Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttributes<ParameterAttribute>(true).Any())
            .Select(p => new NamedParameter(p.Name, p.GetCustomAttributes<AliasAttribute>(true).SelectMany(a => a.AliasNames).ToArray()))
            .ToList();
}

/// <summary>A parameter name and its aliases: all that matters to tell whether `-Name` on a command line binds.</summary>
public sealed record NamedParameter(string Name, IReadOnlyList<string> Aliases)
{
    internal ParameterDescription AsSwitchParameter()
        => new(Name, typeof(SwitchParameter), Aliases, false, Array.Empty<string>(), "False",
            new Dictionary<string, ParameterSetUsage>(StringComparer.OrdinalIgnoreCase)
            {
                [ParameterDescription.AllSets] = new ParameterSetUsage(false, null, false, false),
            });
}
