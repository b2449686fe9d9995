using System;
using System.Collections.Generic;
using System.Linq;

namespace BulkEnroll.HelpCompiler.Metadata;

/// <summary>What the assembly says about one cmdlet: the facts help must not restate by hand.</summary>
public sealed class CmdletDescription
{
    public CmdletDescription(string verb, string noun, IReadOnlyList<ParameterDescription> parameters, IReadOnlyList<string> parameterSets,
        IReadOnlyList<Type> outputTypes)
    {
        Verb = verb;
        Noun = noun;
        Parameters = parameters;
        ParameterSets = parameterSets;
        OutputTypes = outputTypes;
    }

    public string Verb { get; }

    public string Noun { get; }

    public string Name => Verb + "-" + Noun;

    /// <summary>The cmdlet's own parameters, -WhatIf/-Confirm included when it supports ShouldProcess; no common parameters.</summary>
    public IReadOnlyList<ParameterDescription> Parameters { get; }

    /// <summary>Parameter set names, the default first; one entry, <see cref="ParameterDescription.AllSets"/>, when there are no named sets.</summary>
    public IReadOnlyList<string> ParameterSets { get; }

    /// <summary>Types from [OutputType]; typeof(void) for a cmdlet that returns nothing.</summary>
    public IReadOnlyList<Type> OutputTypes { get; }

    public ParameterDescription? FindParameter(string name)
        => Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name;
}
