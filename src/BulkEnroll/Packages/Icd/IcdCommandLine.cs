using System.Collections.Generic;

namespace BulkEnroll.Packages.Icd;

/// <summary>The documented ICD.exe build command line (docs/reference/package-format.md#icd-command-line), always with the desktop store.</summary>
internal static class IcdCommandLine
{
    public static IReadOnlyList<string> Build(string customizationsXml, string packagePath, string storeFile, bool encrypt)
    {
        var arguments = new List<string>
        {
            "/Build-ProvisioningPackage",
            "/CustomizationXML:" + customizationsXml,
            "/PackagePath:" + packagePath,
            "/StoreFile:" + storeFile,
            "+Overwrite",
        };
        if (encrypt)
        {
            arguments.Add("+Encrypted");
        }

        return arguments;
    }
}
