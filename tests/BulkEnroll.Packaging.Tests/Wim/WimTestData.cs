using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using BulkEnroll.Packaging.Wim;

namespace BulkEnroll.Packaging.Tests.Wim;

/// <summary>Inputs shaped like real packages, and other data the WIM tests share.</summary>
internal static class WimTestData
{
    public static readonly Guid FixedGuid = new("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
    public static readonly DateTime FixedTime = new(2025, 4, 18, 9, 30, 15, DateTimeKind.Utc);

    public static readonly string[] PropertyOrder =
    {
        "NAME", "DESCRIPTION", "NOTES", "AUTHOR", "VERSION", "ALTITUDE", "RESETCLEAR", "PACKAGEID",
        "DIRCOUNT", "FILECOUNT", "TOTALBYTES", "HARDLINKBYTES",
        "CREATIONTIME/HIGHPART", "CREATIONTIME/LOWPART",
        "LASTMODIFICATIONTIME/HIGHPART", "LASTMODIFICATIONTIME/LOWPART", "WIMBOOT",
    };

    /// <summary>The payload tree of a typical package (docs/reference/package-format.md#payload-tree), about 20 KB in 10 files.</summary>
    public static WimImageDefinition TypicalPackage(int seed = 1)
    {
        var image = new WimImageDefinition { CreationTimeUtc = FixedTime, LastModificationTimeUtc = FixedTime.AddMilliseconds(350) };
        image.AddProperty("NAME", "Contoso-BulkEnroll")
            .AddProperty("DESCRIPTION", string.Empty)
            .AddProperty("NOTES", "VERSION=10.0.26100.1;Source=Classic;;TargetSkus=WindowsCommon,Desktop;EncryptPackage=False;SignPackage=False;PackageID=2e8ca021-0000-4000-8000-000000000001;")
            .AddProperty("AUTHOR", string.Empty)
            .AddProperty("VERSION", "1.0")
            .AddProperty("ALTITUDE", "5000")
            .AddProperty("RESETCLEAR", "0")
            .AddProperty("PACKAGEID", "{2e8ca021-0000-4000-8000-000000000001}");

        image.AddFile("Multivariant/Multivariant.xml", Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Elements Type=\"Multivariant\">\r\n  <Element Index=\"0\">\r\n  </Element>\r\n</Elements>"));
        image.AddFile("Multivariant/0/customizations.xml", Utf8Bom(Customizations(seed, 6000)));
        image.AddFile("Multivariant/0/MasterDatastore.xml", Utf8Bom("<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<ConfigurationSourceList Version=\"1.0\">\r\n  <ConfigurationSource Name=\"RunTime\" Path=\"$(_prov)\\RunTime.xml\">\r\n    <EventList>\r\n      <Event Name=\"RunTime\" />\r\n    </EventList>\r\n  </ConfigurationSource>\r\n</ConfigurationSourceList>"));
        image.AddFile("Multivariant/0/Prov/RunTime.xml", Utf8Bom(RunTimeXml()));
        image.AddFile("Multivariant/0/Prov/RunTime/0__Accounts_Users_localadmin.provxml", Utf8Bom(Provxml("Accounts", "Users", "localadmin", "Password", "P@ss" + seed)));
        image.AddFile("Multivariant/0/Prov/RunTime/1__DevDetail_DNSComputerName.provxml", Utf8Bom(Provxml("DevDetail", "Ext", "Microsoft", "DNSComputerName", "PAR-%SERIAL%")));
        image.AddFile("Multivariant/0/Prov/RunTime/2__OOBE_Desktop_HideOobe.provxml", Utf8Bom(Provxml("MCSF", "OOBE", "Desktop", "HideOobe", "true")));
        image.AddFile("Multivariant/0/Prov/RunTime/3__Workplace_Enrollments_windows-bulkenroll.provxml", Utf8Bom(Provxml("Provisioning", "Enrollments", "windows-bulkenroll-user1@contoso.com", "DiscoveryServiceFullUrl", "https://login.mobileiron.com")));
        image.AddFile("CommonSettings/CommonSettings.xml", Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Elements Type=\"CommonSettings\">\r\n  <Element Index=\"1\">\r\n  </Element>\r\n</Elements>"));
        image.AddFile("CommonSettings/1/AnswerFile.xml", Utf8Bom(Customizations(seed + 1, 4500)));
        return image;
    }

    /// <summary>Text of roughly <paramref name="length"/> characters that compresses like real XML.</summary>
    public static string Customizations(int seed, int length)
    {
        var random = new Random(seed);
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<WindowsCustomizations>\r\n  <PackageConfig xmlns=\"urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0\">\r\n");
        string[] words = { "Accounts", "Users", "User", "Password", "UserGroup", "Administrators", "ConnectivityProfiles", "WLAN", "WLANSetting", "Workplace", "Enrollments", "UPN", "AuthPolicy", "OnPremise", "DiscoveryServiceFullUrl", "Secret" };
        while (xml.Length < length)
        {
            string a = words[random.Next(words.Length)];
            string b = words[random.Next(words.Length)];
            xml.Append("    <").Append(a).Append(" Name=\"").Append(b).Append(random.Next(1000)).Append("\">")
                .Append(random.Next().ToString("x8")).Append(random.Next(100000))
                .Append("</").Append(a).Append(">\r\n");
        }

        return xml.Append("</WindowsCustomizations>").ToString();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Utf8Bom(string text)
    {
        byte[] body = Encoding.UTF8.GetBytes(text);
        var bytes = new byte[body.Length + 3];
        bytes[0] = 0xEF;
        bytes[1] = 0xBB;
        bytes[2] = 0xBF;
        body.CopyTo(bytes, 3);
        return bytes;
    }

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A mix of literals, short and very long matches, to exercise every XPRESS length encoding.</summary>
    public static byte[] MixedData(int length, int seed)
    {
        var random = new Random(seed);
        var data = new byte[length];
        int position = 0;
        while (position < length)
        {
            int kind = random.Next(5);
            int run = Math.Min(length - position, kind switch
            {
                0 => random.Next(1, 40),
                1 => random.Next(3, 18),
                2 => random.Next(18, 300),
                3 => random.Next(300, 5000),
                _ => random.Next(1, 8),
            });
            if (kind == 0 || position == 0)
            {
                for (int i = 0; i < run; i++)
                {
                    data[position + i] = (byte)random.Next(256);
                }
            }
            else
            {
                int distance = Math.Min(position, kind == 4 ? random.Next(1, 4) : random.Next(1, position + 1));
                for (int i = 0; i < run; i++)
                {
                    data[position + i] = data[position - distance + i];
                }
            }

            position += run;
        }

        return data;
    }

    public static byte[] Write(WimImageDefinition image) => WimWriter.WriteToArray(image, FixedGuid);

    public static string WriteFile(WimImageDefinition image, string path)
    {
        File.WriteAllBytes(path, Write(image));
        return path;
    }

    private static string RunTimeXml()
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<ConfigurationSource Version=\"1.0\">\r\n");
        string[] files = { "0__Accounts_Users_localadmin", "1__DevDetail_DNSComputerName", "2__OOBE_Desktop_HideOobe", "3__Workplace_Enrollments_windows-bulkenroll" };
        foreach (string file in files)
        {
            xml.Append("  <ConfigurationSet Type=\"provxml\" SettingsGroup=\"98718529-c71c-5bdc-91de-8be418006c2e\" Data=\"$(_prov)\\RunTime\\").Append(file).Append(".provxml\" />\r\n");
        }

        return xml.Append("</ConfigurationSource>").ToString();
    }

    private static string Provxml(string a, string b, string c, string parm, string value) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\r\n<wap-provisioningdoc>\r\n"
        + $"  <characteristic type=\"{a}\">\r\n    <characteristic type=\"{b}\">\r\n      <characteristic type=\"{c}\">\r\n"
        + $"        <parm name=\"{parm}\" value=\"{value}\" datatype=\"string\" />\r\n"
        + "      </characteristic>\r\n    </characteristic>\r\n  </characteristic>\r\n</wap-provisioningdoc>";

    public static IReadOnlyDictionary<string, byte[]> FilesOf(WimImageDefinition image)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (WimFile file in image.Files)
        {
            files.Add(file.Path, file.Content);
        }

        return files;
    }
}
