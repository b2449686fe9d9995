using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Secrets;
using BulkEnroll.Packaging.Wim;

namespace BulkEnroll.Sandbox.Tests.VirtualDevices;

/// <summary>Real .ppkg bytes made by the module's own payload builder and WIM writer, as New-BulkEnrollPackage makes them.</summary>
internal static class TestPackages
{
    public const string LocalAdminPassword = "L0cal-Admin!pw";
    public const string WifiKey = "correct-horse-battery";

    public static PackageDefinition Definition(string discoveryUrl, string upn, string secret, string? nameTemplate = "PAR-%SERIAL%", bool wifi = true) =>
        new(Guid.NewGuid(), "Paris bulk enroll")
        {
            ComputerNameTemplate = nameTemplate,
            LocalAccount = new LocalAccountDefinition("localadmin", SecretText.Protect(LocalAdminPassword)),
            Wifi = wifi ? new WifiDefinition("Corp WiFi", WifiSecurity.WPA2Personal, SecretText.Protect(WifiKey)) : null,
            HideOobe = true,
            Enrollment = new EnrollmentDefinition(upn, SecretText.Protect(secret), discoveryUrl),
        };

    public static byte[] Build(PackageDefinition definition)
    {
        using var payload = Payload(definition);
        return Wim(payload.Files.Select(f => (f.Path, f.Content)), payload.ImageProperties);
    }

    public static byte[] Build(string discoveryUrl, string upn, string secret, string? nameTemplate = "PAR-%SERIAL%", bool wifi = true) =>
        Build(Definition(discoveryUrl, upn, secret, nameTemplate, wifi));

    /// <summary>The same package with the Workplace group left out, as ICD builds a project without Workplace settings.</summary>
    public static byte[] WithoutWorkplace(string discoveryUrl, string upn, string secret)
    {
        using var payload = Payload(Definition(discoveryUrl, upn, secret));
        var files = payload.Files.Where(f => !f.Path.Contains("Workplace_Enrollments", StringComparison.Ordinal))
            .Select(f => f.Path == "Multivariant/0/Prov/RunTime.xml" ? (f.Path, DropWorkplaceLine(f.Content)) : (f.Path, f.Content))
            .ToList();
        return Wim(files, payload.ImageProperties);
    }

    /// <summary>A built package with one payload file's text changed (as a hand-edited or hostile package would be).</summary>
    public static byte[] WithEditedFile(string discoveryUrl, string upn, string secret, string fileNameContains, Func<string, string> edit)
    {
        using var payload = Payload(Definition(discoveryUrl, upn, secret));
        var files = payload.Files
            .Select(f => f.Path.Contains(fileNameContains, StringComparison.Ordinal)
                ? (f.Path, Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(f.Content).TrimStart('\uFEFF')))).ToArray())
                : (f.Path, f.Content))
            .ToList();
        return Wim(files, payload.ImageProperties);
    }

    public static string WriteTemp(byte[] package, string directory)
    {
        string path = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".ppkg");
        File.WriteAllBytes(path, package);
        return path;
    }

    private static PackagePayload Payload(PackageDefinition definition) =>
        PackagePayloadBuilder.Build(definition, "1.0.0", DateTime.UtcNow, new PackageValidationOptions(allowHttpLoopback: true));

    private static byte[] Wim(IEnumerable<(string Path, byte[] Content)> files, IEnumerable<ImageProperty> properties)
    {
        var image = new WimImageDefinition { CreationTimeUtc = DateTime.UtcNow };
        foreach (var (path, content) in files)
        {
            image.AddFile(path, content);
        }

        foreach (var property in properties)
        {
            image.AddProperty(property.Name, property.Value);
        }

        return WimWriter.WriteToArray(image, Guid.NewGuid());
    }

    private static byte[] DropWorkplaceLine(byte[] runTimeXml)
    {
        var document = XDocument.Parse(Encoding.UTF8.GetString(runTimeXml).TrimStart('\uFEFF'));
        document.Root!.Elements().Where(e => ((string?)e.Attribute("Data"))?.Contains("Workplace", StringComparison.Ordinal) == true).Remove();
        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(document.ToString())).ToArray();
    }
}
