using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using BulkEnroll.Packaging.Payload;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Payload;

/// <summary>Packages and project files come from anywhere: none of these may expand, fetch, hang or leak.</summary>
public class HostileXmlTests
{
    private const string BillionLaughs = @"<?xml version=""1.0""?>
<!DOCTYPE WindowsCustomizations [
  <!ENTITY a ""lol"">
  <!ENTITY b ""&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"">
  <!ENTITY c ""&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"">
  <!ENTITY d ""&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"">
  <!ENTITY e ""&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"">
  <!ENTITY f ""&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"">
  <!ENTITY g ""&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"">
  <!ENTITY h ""&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"">
  <!ENTITY i ""&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;"">
]>
<WindowsCustomizations>&i;</WindowsCustomizations>";

    private static PackageFormatException ReadCustomizations(byte[] content) =>
        Assert.Throws<PackageFormatException>(() => CustomizationsXmlReader.Read(content));

    private static PackageFormatException ReadCustomizations(string content) => ReadCustomizations(Encoding.UTF8.GetBytes(content));

    [Fact]
    public void Billion_laughs_is_refused_without_expanding()
    {
        Stopwatch watch = Stopwatch.StartNew();

        PackageFormatException e = ReadCustomizations(BillionLaughs);

        Assert.Equal(PackageFormatReasons.DtdProhibited, e.Reason);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void External_entities_are_refused_and_never_fetched()
    {
        string target = Path.Combine(Path.GetTempPath(), "bulkenroll-xxe-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(target, "Zq9leaked");
        try
        {
            string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE WindowsCustomizations [ <!ENTITY x SYSTEM \"file://" + target.Replace('\\', '/') + "\"> ]>\n"
                + "<WindowsCustomizations>&x;</WindowsCustomizations>";

            PackageFormatException e = ReadCustomizations(xml);

            Assert.Equal(PackageFormatReasons.DtdProhibited, e.Reason);
            Assert.DoesNotContain("Zq9", e.ToString());
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Fact]
    public void A_bare_doctype_is_refused()
    {
        Assert.Equal(PackageFormatReasons.DtdProhibited, ReadCustomizations("<!DOCTYPE WindowsCustomizations><WindowsCustomizations />").Reason);
    }

    [Fact]
    public void A_doctype_in_utf16_is_recognised_too()
    {
        byte[] utf16 = Encoding.Unicode.GetPreamble();
        byte[] body = Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"utf-16\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>");
        var content = new byte[utf16.Length + body.Length];
        utf16.CopyTo(content, 0);
        body.CopyTo(content, utf16.Length);

        Assert.Equal(PackageFormatReasons.DtdProhibited, ReadCustomizations(content).Reason);
    }

    [Fact]
    public void Deep_nesting_is_refused_quickly()
    {
        var builder = new StringBuilder("<WindowsCustomizations>");
        const int depth = 200_000;
        for (int i = 0; i < depth; i++)
        {
            builder.Append("<a>");
        }

        for (int i = 0; i < depth; i++)
        {
            builder.Append("</a>");
        }

        builder.Append("</WindowsCustomizations>");

        Assert.Equal(PackageFormatReasons.TooDeep, ReadCustomizations(builder.ToString()).Reason);
    }

    [Fact]
    public void A_20_MB_file_is_refused_before_parsing()
    {
        byte[] content = new byte[20 * 1024 * 1024];
        Encoding.ASCII.GetBytes("<WindowsCustomizations>").CopyTo(content, 0);
        for (int i = 23; i < content.Length; i++)
        {
            content[i] = (byte)' ';
        }

        Assert.Equal(PackageFormatReasons.TooLarge, ReadCustomizations(content).Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("<WindowsCustomizations><Settings></WindowsCustomizations>")]
    [InlineData("<WindowsCustomizations>\u0001</WindowsCustomizations>")]
    [InlineData("<WindowsCustomizations>&undefined;</WindowsCustomizations>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"bogus\"?><WindowsCustomizations />")]
    public void Malformed_xml_gives_a_malformed_reason(string xml)
    {
        Assert.Equal(PackageFormatReasons.MalformedXml, ReadCustomizations(xml).Reason);
    }

    [Fact]
    public void Malformed_xml_errors_do_not_quote_the_document()
    {
        PackageFormatException e = ReadCustomizations("<WindowsCustomizations><Secret>Zq9pass<word</Secret></WindowsCustomizations>");

        Assert.Equal(PackageFormatReasons.MalformedXml, e.Reason);
        Assert.DoesNotContain("Zq9", e.ToString());
        Assert.DoesNotContain("word", e.Message);
    }

    [Fact]
    public void Binary_garbage_is_malformed_not_a_crash()
    {
        var random = new Random(1);
        byte[] content = new byte[4096];
        random.NextBytes(content);

        Assert.Equal(PackageFormatReasons.MalformedXml, ReadCustomizations(content).Reason);
    }

    [Fact]
    public void Entities_hidden_in_a_provxml_or_its_wlan_profile_are_refused_as_well()
    {
        using PackagePayload payload = Samples.Build(Samples.Full());
        Dictionary<string, byte[]> files = Samples.Files(payload);
        files.Remove(PayloadPaths.CustomizationsXml);
        string wlanPath = PayloadPaths.RunTimeFolder + "3__ConnectivityProfiles_WLAN_WLANSetting_Corp WiFi.provxml";

        files[wlanPath] = Encoding.UTF8.GetBytes(BillionLaughs.Replace("WindowsCustomizations", "wap-provisioningdoc"));
        Assert.Equal(PackageFormatReasons.DtdProhibited, Assert.Throws<PackageFormatException>(() => PackagePayloadReader.Read(files)).Reason);

        string profile = "&lt;!DOCTYPE WLANProfile [&lt;!ENTITY x SYSTEM &quot;file:///etc/passwd&quot;&gt;]&gt;&lt;WLANProfile xmlns=&quot;http://www.microsoft.com/networking/WLAN/profile/v1&quot;&gt;&amp;x;&lt;/WLANProfile&gt;";
        files[wlanPath] = Encoding.UTF8.GetBytes("<wap-provisioningdoc><characteristic type=\"WiFi\"><characteristic type=\"Profile\"><characteristic type=\"x\">"
            + "<parm name=\"WlanXml\" value=\"" + profile + "\" datatype=\"string\" /></characteristic></characteristic></characteristic></wap-provisioningdoc>");
        PackageFormatException e = Assert.Throws<PackageFormatException>(() => PackagePayloadReader.Read(files));
        Assert.Equal(PackageFormatReasons.DtdProhibited, e.Reason);
        Assert.Contains("(WlanXml)", e.FileName);
    }
}
