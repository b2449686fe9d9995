using System;
using System.Collections.Generic;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// A minimal element tree for the payload writers. We serialise it ourselves (see <see cref="PayloadXmlText"/>)
/// because the engine is picky about bytes and ICD's layout (CRLF, BOM, no final newline, self-closed parms)
/// must come out the same on .NET Framework and .NET.
/// </summary>
internal sealed class XmlElementSpec
{
    private readonly List<KeyValuePair<string, string>> _attributes = new List<KeyValuePair<string, string>>();
    private readonly List<XmlElementSpec> _children = new List<XmlElementSpec>();

    public XmlElementSpec(string name, string? text = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Text = text;
    }

    public string Name { get; }

    /// <summary>Leaf text, written on the element's line; null for a container or an empty element.</summary>
    public string? Text { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Attributes => _attributes;

    public IReadOnlyList<XmlElementSpec> Children => _children;

    public XmlElementSpec Attribute(string name, string value)
    {
        _attributes.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    public XmlElementSpec Add(XmlElementSpec child)
    {
        if (Text != null)
        {
            throw new InvalidOperationException("A text element cannot have child elements.");
        }

        _children.Add(child);
        return this;
    }

    public XmlElementSpec Add(string name, string text) => Add(new XmlElementSpec(name, text));

    /// <summary>A copy without the attributes whose names are given (AnswerFile.xml drops Name="…").</summary>
    public XmlElementSpec CopyWithout(ISet<string> attributeNames)
    {
        var copy = new XmlElementSpec(Name, Text);
        foreach (KeyValuePair<string, string> attribute in _attributes)
        {
            if (!attributeNames.Contains(attribute.Key))
            {
                copy._attributes.Add(attribute);
            }
        }

        foreach (XmlElementSpec child in _children)
        {
            copy._children.Add(child.CopyWithout(attributeNames));
        }

        return copy;
    }
}
