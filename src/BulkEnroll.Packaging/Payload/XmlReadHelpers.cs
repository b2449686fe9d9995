using System.Linq;
using System.Xml.Linq;

namespace BulkEnroll.Packaging.Payload;

/// <summary>Small checks shared by the readers; every failure names the element, never its value.</summary>
internal static class XmlReadHelpers
{
    /// <summary>The one child with this name, or null; a second one is an error, as it would be ambiguous.</summary>
    public static XElement? OptionalSingle(XElement parent, XName name, string fileName)
    {
        XElement? found = null;
        foreach (XElement child in parent.Elements(name))
        {
            if (found != null)
            {
                throw new PackageFormatException(PackageFormatReasons.InvalidValue, fileName, $"<{name.LocalName}> appears more than once in <{parent.Name.LocalName}>.");
            }

            found = child;
        }

        return found;
    }

    public static XElement RequiredSingle(XElement parent, XName name, string fileName)
    {
        XElement? found = OptionalSingle(parent, name, fileName);
        if (found != null)
        {
            return found;
        }

        if (parent.Elements().Any(e => e.Name.LocalName == name.LocalName))
        {
            throw new PackageFormatException(PackageFormatReasons.WrongNamespace, fileName,
                $"<{name.LocalName}> in <{parent.Name.LocalName}> is not in the namespace '{name.NamespaceName}'.");
        }

        throw new PackageFormatException(PackageFormatReasons.MissingElement, fileName, $"<{parent.Name.LocalName}> has no <{name.LocalName}>.");
    }

    /// <summary>The text of an element that must not contain elements.</summary>
    public static string LeafText(XElement element, string fileName)
    {
        if (element.HasElements)
        {
            throw new PackageFormatException(PackageFormatReasons.InvalidValue, fileName, $"<{element.Name.LocalName}> must hold text, not elements.");
        }

        return element.Value;
    }

    public static string RequiredAttribute(XElement element, string name, string fileName)
    {
        XAttribute? attribute = element.Attribute(name);
        if (attribute is null)
        {
            throw new PackageFormatException(PackageFormatReasons.MissingElement, fileName, $"<{element.Name.LocalName}> has no {name} attribute.");
        }

        return attribute.Value;
    }

    public static PackageFormatException Invalid(string fileName, string what) =>
        new PackageFormatException(PackageFormatReasons.InvalidValue, fileName, $"{what} has a value that is not allowed.");
}
