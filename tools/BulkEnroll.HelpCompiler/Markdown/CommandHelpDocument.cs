using System;
using System.Collections.Generic;

namespace BulkEnroll.HelpCompiler.Markdown;

/// <summary>The hand-written part of one cmdlet's help, as read from docs/en-US/&lt;Verb&gt;-&lt;Noun&gt;.md.</summary>
public sealed class CommandHelpDocument
{
    public CommandHelpDocument(string path) => Path = path;

    /// <summary>The markdown file, for messages.</summary>
    public string Path { get; }

    public string? Name { get; set; }

    public int NameLine { get; set; }

    public IReadOnlyDictionary<string, string> FrontMatter { get; set; } = new Dictionary<string, string>();

    public List<string> Synopsis { get; } = new();

    public List<string> Description { get; } = new();

    public List<HelpExample> Examples { get; } = new();

    public List<ParameterHelp> Parameters { get; } = new();

    public List<TypeHelp> Inputs { get; } = new();

    public List<TypeHelp> Outputs { get; } = new();

    public List<string> Notes { get; } = new();

    public List<RelatedLink> Links { get; } = new();

    /// <summary>Which ## sections the file has, upper case, with their lines.</summary>
    public Dictionary<string, int> SectionLines { get; } = new();

    /// <summary>The line of a ## section, or of the title when the file has no such section: where to point a message about it.</summary>
    public int LineOf(string section) => SectionLines.TryGetValue(section, out int line) ? line : NameLine;
}

public sealed record HelpExample(int Line, int Number, string Title, string Code, IReadOnlyList<string> Remarks);

public sealed record ParameterHelp(int Line, string Name, IReadOnlyList<string> Description);

public sealed record TypeHelp(int Line, string TypeName, IReadOnlyList<string> Description);

public sealed record RelatedLink(int Line, string Text, string Uri)
{
    /// <summary>A web address (Get-Help -Online opens it); otherwise a cmdlet or about topic, found by name.</summary>
    public bool IsWeb => Uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || Uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
}
