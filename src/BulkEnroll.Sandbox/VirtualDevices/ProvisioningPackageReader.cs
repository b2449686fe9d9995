using System.Xml;
using System.Xml.Linq;
using BulkEnroll.Sandbox.Enrollment;
using BulkEnroll.Sandbox.VirtualDevices.Wim;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>Opens a .ppkg the way the provisioning engine does: the WIM container, then Multivariant.xml → the
/// variant's MasterDatastore.xml → its RunTime configuration source → each provxml it lists, in order. It never
/// reads customizations.xml (the engine applies the runtime payload, not the designer's project).</summary>
internal static class ProvisioningPackageReader
{
    private const string MultivariantIndex = "Multivariant/Multivariant.xml";

    /// <summary>The engine's variable for a variant's Prov folder in MasterDatastore.xml and RunTime.xml paths.</summary>
    private const string ProvVariable = "$(_prov)";

    internal sealed record RuntimeDocument(string Path, XDocument Document);

    internal sealed record Package(string? Name, IReadOnlyList<RuntimeDocument> Documents);

    /// <exception cref="DeviceStageException">At <see cref="EnrollmentStage.Package"/>, naming the file and the defect.</exception>
    public static Package Read(Stream ppkg)
    {
        PackageWim wim;
        try
        {
            wim = PackageWim.Read(ppkg);
        }
        catch (Exception e) when (e is PackageWimException or IOException)
        {
            throw Fail($"The file is not a provisioning package Windows can open: {e.Message}.");
        }

        try
        {
            if (wim.ImageCount < 1)
            {
                throw Fail("The package's WIM holds no image.");
            }

            string variant = FirstVariant(Load(wim, MultivariantIndex));
            string prov = $"Multivariant/{variant}/Prov";
            string runTimePath = RunTimeSource(Load(wim, $"Multivariant/{variant}/MasterDatastore.xml"), prov);
            var documents = ConfigurationSets(Load(wim, runTimePath), prov)
                .Select(path => new RuntimeDocument(path, Load(wim, path)))
                .ToList();
            return new Package(wim.ImageProperty(1, "NAME"), documents);
        }
        catch (PackageWimException e)
        {
            throw Fail($"The package is corrupt: {e.Message}.");
        }
    }

    private static XDocument Load(PackageWim wim, string path)
    {
        byte[] content;
        try
        {
            content = wim.ReadFile(path);
        }
        catch (FileNotFoundException)
        {
            throw Fail($"The package has no {path}.");
        }
        try
        {
            return SafeXml.Load(content);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw Fail($"{path} has a document type declaration (DTD); the provisioning engine refuses it.");
        }
        catch (XmlException e)
        {
            // Only the position: the text of an XmlException may quote the document, which can hold secrets.
            throw Fail($"{path} is not well-formed XML (line {e.LineNumber}, position {e.LinePosition}).");
        }
    }

    private static string FirstVariant(XDocument index)
    {
        var root = index.Root!;
        if (root.Name.LocalName != "Elements" || (string?)root.Attribute("Type") != "Multivariant")
        {
            throw Fail($"{MultivariantIndex} is not an <Elements Type=\"Multivariant\"> index.");
        }
        // Index 0 holds the settings that apply unconditionally; the others only under targeting conditions.
        bool hasDefault = root.Elements().Any(e => e.Name.LocalName == "Element" && (string?)e.Attribute("Index") == "0");
        return hasDefault ? "0" : throw Fail($"{MultivariantIndex} lists no variant 0 (the unconditional settings).");
    }

    private static string RunTimeSource(XDocument datastore, string prov)
    {
        var source = datastore.Root!.Elements()
            .FirstOrDefault(e => e.Name.LocalName == "ConfigurationSource" && (string?)e.Attribute("Name") == "RunTime");
        string? path = (string?)source?.Attribute("Path");
        return path is null
            ? throw Fail("MasterDatastore.xml has no RunTime configuration source.")
            : Resolve(path, prov, "MasterDatastore.xml");
    }

    private static IEnumerable<string> ConfigurationSets(XDocument runTime, string prov)
    {
        var root = runTime.Root!;
        if (root.Name.LocalName != "ConfigurationSource")
        {
            throw Fail($"RunTime.xml is a <{root.Name.LocalName}> document, not a <ConfigurationSource>.");
        }

        foreach (var set in root.Elements().Where(e => e.Name.LocalName == "ConfigurationSet"))
        {
            string? type = (string?)set.Attribute("Type");
            string? data = (string?)set.Attribute("Data");
            if (!string.Equals(type, "provxml", StringComparison.OrdinalIgnoreCase) || data is null)
            {
                throw Fail($"RunTime.xml lists a configuration set of type '{type}' with data '{data}'; only provxml files are known.");
            }

            yield return Resolve(data, prov, "RunTime.xml");
        }
    }

    /// <summary>"$(_prov)\RunTime\0__x.provxml" → "Multivariant/0/Prov/RunTime/0__x.provxml".</summary>
    private static string Resolve(string enginePath, string prov, string listedIn)
    {
        if (!enginePath.StartsWith(ProvVariable, StringComparison.OrdinalIgnoreCase))
        {
            throw Fail($"{listedIn} refers to '{enginePath}', outside {ProvVariable}.");
        }

        string relative = enginePath[ProvVariable.Length..].Replace('\\', '/').Trim('/');
        if (relative.Length == 0 || relative.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw Fail($"{listedIn} refers to '{enginePath}', which is not a file path inside the package.");
        }

        return prov + "/" + relative;
    }

    private static DeviceStageException Fail(string message) => new(EnrollmentStage.Package, message);
}
