using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using BulkEnroll.HelpCompiler.Markdown;
using BulkEnroll.HelpCompiler.Metadata;

namespace BulkEnroll.HelpCompiler.Maml;

/// <summary>
/// Writes the MAML command help Get-Help reads from &lt;Assembly&gt;.dll-Help.xml: one command:command per cmdlet with
/// details (name, verb, noun, synopsis), description, syntax (one item per parameter set), parameters, input and
/// return types, notes, examples and related links. The output depends on nothing but its inputs (no dates, no
/// versions), so a rebuild from unchanged sources is byte-identical and a test can tell when it is stale.
/// </summary>
public static class MamlWriter
{
    private const string MamlNs = "http://schemas.microsoft.com/maml/2004/10";
    private const string CommandNs = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string DevNs = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static string Write(IEnumerable<(CmdletDescription Cmdlet, CommandHelpDocument Help)> commands)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };

        using var stream = new MemoryStream();
        using (XmlWriter xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("helpItems", "http://msh");
            xml.WriteAttributeString("schema", "maml");
            foreach ((CmdletDescription cmdlet, CommandHelpDocument help) in commands.OrderBy(c => c.Cmdlet.Name, StringComparer.OrdinalIgnoreCase))
            {
                WriteCommand(xml, cmdlet, help);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteCommand(XmlWriter xml, CmdletDescription cmdlet, CommandHelpDocument help)
    {
        xml.WriteStartElement("command", "command", CommandNs);
        xml.WriteAttributeString("xmlns", "maml", null, MamlNs);
        xml.WriteAttributeString("xmlns", "dev", null, DevNs);

        xml.WriteStartElement("command", "details", CommandNs);
        xml.WriteElementString("command", "name", CommandNs, cmdlet.Name);
        xml.WriteElementString("command", "verb", CommandNs, cmdlet.Verb);
        xml.WriteElementString("command", "noun", CommandNs, cmdlet.Noun);
        WriteDescription(xml, help.Synopsis);
        xml.WriteEndElement();

        WriteDescription(xml, help.Description);
        WriteSyntax(xml, cmdlet);
        WriteParameters(xml, cmdlet, help);
        WriteTypes(xml, "inputTypes", "inputType", help.Inputs);
        WriteTypes(xml, "returnValues", "returnValue", help.Outputs);
        WriteNotes(xml, help.Notes);
        WriteExamples(xml, help.Examples);
        WriteLinks(xml, help.Links);

        xml.WriteEndElement();
    }

    private static void WriteSyntax(XmlWriter xml, CmdletDescription cmdlet)
    {
        xml.WriteStartElement("command", "syntax", CommandNs);
        foreach (string set in cmdlet.ParameterSets)
        {
            xml.WriteStartElement("command", "syntaxItem", CommandNs);
            xml.WriteElementString("maml", "name", MamlNs, cmdlet.Name);
            var members = cmdlet.Parameters
                .Select((p, index) => (Parameter: p, Usage: p.In(set), Index: index))
                .Where(m => m.Usage != null)
                .OrderBy(m => m.Usage!.Position ?? int.MaxValue)
                .ThenBy(m => m.Usage!.Mandatory ? 0 : 1)
                .ThenBy(m => m.Index);
            foreach ((ParameterDescription parameter, ParameterSetUsage? usage, int _) in members)
            {
                WriteParameterStart(xml, parameter, usage!.Mandatory, usage.Position, usage.ValueFromPipeline, usage.ValueFromPipelineByPropertyName);
                if (parameter.AcceptedValues.Count > 0)
                {
                    WriteAcceptedValues(xml, parameter.AcceptedValues);
                }
                else if (!parameter.IsSwitch)
                {
                    WriteParameterValue(xml, parameter);
                }

                WriteParameterEnd(xml, parameter);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>The values a parameter accepts ([ValidateSet] or an enum), which Get-Help shows in the syntax as {A | B}.</summary>
    private static void WriteAcceptedValues(XmlWriter xml, IReadOnlyList<string> values)
    {
        xml.WriteStartElement("command", "parameterValueGroup", CommandNs);
        foreach (string value in values)
        {
            xml.WriteStartElement("command", "parameterValue", CommandNs);
            xml.WriteAttributeString("required", "false");
            xml.WriteAttributeString("variableLength", "false");
            xml.WriteString(value);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteParameters(XmlWriter xml, CmdletDescription cmdlet, CommandHelpDocument help)
    {
        xml.WriteStartElement("command", "parameters", CommandNs);
        foreach (ParameterDescription parameter in cmdlet.Parameters.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase))
        {
            int? position = cmdlet.ParameterSets.Select(s => parameter.In(s)?.Position).FirstOrDefault(p => p != null);
            WriteParameterStart(xml, parameter, parameter.AlwaysMandatory, position, parameter.ByValue, parameter.ByPropertyName);
            IReadOnlyList<string> description = help.Parameters.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase))?.Description
                ?? Array.Empty<string>();
            WriteDescription(xml, description);
            WriteParameterValue(xml, parameter);
            WriteParameterEnd(xml, parameter);
        }

        xml.WriteEndElement();
    }

    private static void WriteParameterStart(XmlWriter xml, ParameterDescription parameter, bool required, int? position, bool byValue, bool byPropertyName)
    {
        xml.WriteStartElement("command", "parameter", CommandNs);
        xml.WriteAttributeString("required", required ? "true" : "false");
        xml.WriteAttributeString("variableLength", IsArray(parameter) ? "true" : "false");
        xml.WriteAttributeString("globbing", parameter.SupportsWildcards ? "true" : "false");
        xml.WriteAttributeString("pipelineInput", PipelineInput(byValue, byPropertyName));
        xml.WriteAttributeString("position", position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named");
        xml.WriteAttributeString("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases));
        xml.WriteElementString("maml", "name", MamlNs, parameter.Name);
    }

    private static void WriteParameterEnd(XmlWriter xml, ParameterDescription parameter)
    {
        xml.WriteStartElement("dev", "type", DevNs);
        xml.WriteElementString("maml", "name", MamlNs, TypeNames.Full(parameter.Type));
        xml.WriteElementString("maml", "uri", MamlNs, string.Empty);
        xml.WriteEndElement();
        xml.WriteElementString("dev", "defaultValue", DevNs, parameter.DefaultValue ?? "None");
        xml.WriteEndElement();
    }

    private static void WriteParameterValue(XmlWriter xml, ParameterDescription parameter)
    {
        xml.WriteStartElement("command", "parameterValue", CommandNs);
        xml.WriteAttributeString("required", parameter.IsSwitch ? "false" : "true");
        xml.WriteAttributeString("variableLength", IsArray(parameter) ? "true" : "false");
        xml.WriteString(TypeNames.Short(parameter.Type));
        xml.WriteEndElement();
    }

    private static void WriteTypes(XmlWriter xml, string listName, string itemName, IReadOnlyList<TypeHelp> types)
    {
        xml.WriteStartElement("command", listName, CommandNs);
        foreach (TypeHelp type in types)
        {
            xml.WriteStartElement("command", itemName, CommandNs);
            xml.WriteStartElement("dev", "type", DevNs);
            xml.WriteElementString("maml", "name", MamlNs, type.TypeName);
            xml.WriteEndElement();
            WriteDescription(xml, type.Description);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteNotes(XmlWriter xml, IReadOnlyList<string> notes)
    {
        xml.WriteStartElement("maml", "alertSet", MamlNs);
        xml.WriteStartElement("maml", "alert", MamlNs);
        WriteParagraphs(xml, notes);
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteExamples(XmlWriter xml, IReadOnlyList<HelpExample> examples)
    {
        xml.WriteStartElement("command", "examples", CommandNs);
        foreach (HelpExample example in examples)
        {
            xml.WriteStartElement("command", "example", CommandNs);
            xml.WriteElementString("maml", "title", MamlNs, $"--------- Example {example.Number}: {example.Title} ---------");
            xml.WriteElementString("dev", "code", DevNs, example.Code);
            xml.WriteStartElement("dev", "remarks", DevNs);
            WriteParagraphs(xml, example.Remarks);
            // Get-Help prints the next example's title right under the last remark otherwise.
            xml.WriteElementString("maml", "para", MamlNs, string.Empty);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteLinks(XmlWriter xml, IReadOnlyList<RelatedLink> links)
    {
        xml.WriteStartElement("maml", "relatedLinks", MamlNs);
        foreach (RelatedLink link in links)
        {
            xml.WriteStartElement("maml", "navigationLink", MamlNs);
            xml.WriteElementString("maml", "linkText", MamlNs, link.Text);
            // Get-Help -Online opens web addresses only; links to sibling markdown files are shown by name.
            xml.WriteElementString("maml", "uri", MamlNs, link.IsWeb ? link.Uri : string.Empty);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteDescription(XmlWriter xml, IReadOnlyList<string> paragraphs)
    {
        xml.WriteStartElement("maml", "description", MamlNs);
        WriteParagraphs(xml, paragraphs);
        xml.WriteEndElement();
    }

    private static void WriteParagraphs(XmlWriter xml, IReadOnlyList<string> paragraphs)
    {
        foreach (string paragraph in paragraphs)
        {
            xml.WriteElementString("maml", "para", MamlNs, paragraph);
        }
    }

    private static bool IsArray(ParameterDescription parameter) => (Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type).IsArray;

    private static string PipelineInput(bool byValue, bool byPropertyName) => (byValue, byPropertyName) switch
    {
        (true, true) => "True (ByValue, ByPropertyName)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };
}
