using System.Linq;
using System.Text;
using BulkEnroll.Packaging.Payload;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Payload;

/// <summary>The byte-level rules of docs/reference/package-format.md#encodings for every kind of payload file.</summary>
public class FileEncodingTests
{
    public static TheoryData<string> FileKinds => new TheoryData<string>
    {
        PayloadPaths.MultivariantXml,
        PayloadPaths.CustomizationsXml,
        PayloadPaths.MasterDatastoreXml,
        PayloadPaths.RunTimeXml,
        PayloadPaths.RunTimeFolder + "0__Accounts_ComputerAccount.provxml",
        PayloadPaths.RunTimeFolder + "1__Accounts_Users_localadmin.provxml",
        PayloadPaths.RunTimeFolder + "2__OOBE_Desktop_HideOobe.provxml",
        PayloadPaths.RunTimeFolder + "3__ConnectivityProfiles_WLAN_WLANSetting_Corp WiFi.provxml",
        PayloadPaths.RunTimeFolder + "4__Workplace_Enrollments_windows-bulkenroll-paris@contoso.com.provxml",
        PayloadPaths.CommonSettingsXml,
        PayloadPaths.AnswerFileXml,
    };

    [Theory]
    [MemberData(nameof(FileKinds))]
    public void Bom_and_declaration_follow_the_file_kind(string path)
    {
        using PackagePayload payload = Samples.Build(Samples.Full());
        byte[] bytes = Samples.File(payload, path);
        string text = Samples.Text(bytes);

        bool noBomKind = path == PayloadPaths.MultivariantXml || path == PayloadPaths.CommonSettingsXml;
        Assert.Equal(!noBomKind, Samples.HasBom(bytes));
        string expected = noBomKind ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            : path.EndsWith(".provxml") ? "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>"
            : "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
        Assert.StartsWith(expected + "\r\n", text);
    }

    [Theory]
    [MemberData(nameof(FileKinds))]
    public void Lines_end_in_crlf_indent_by_two_spaces_and_the_file_ends_at_the_last_tag(string path)
    {
        using PackagePayload payload = Samples.Build(Samples.Full());
        string text = Samples.Text(Samples.File(payload, path));

        Assert.EndsWith(">", text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty));
        Assert.DoesNotContain("\r", text.Replace("\r\n", string.Empty));
        foreach (string line in text.Split("\r\n"))
        {
            int indent = line.Length - line.TrimStart(' ').Length;
            Assert.True(indent % 2 == 0, $"odd indent in {path}: {line}");
            Assert.DoesNotContain("\t", line);
        }
    }

    [Fact]
    public void Empty_elements_have_a_space_before_the_slash()
    {
        using PackagePayload payload = Samples.Build(Samples.Full());

        foreach (PayloadFile file in payload.Files.Where(f => f.Path.EndsWith(".provxml") || f.Path.EndsWith("RunTime.xml")))
        {
            string text = Samples.Text(file.Content);
            Assert.DoesNotContain("\"/>", text);
            Assert.Contains("\" />", text);
        }
    }

    [Fact]
    public void Files_are_strict_utf8()
    {
        PackageDefinition definition = Samples.Full();
        definition.Wifi!.Ssid = "Café 😀";
        using PackagePayload payload = Samples.Build(definition);

        var strict = new UTF8Encoding(false, true);
        foreach (PayloadFile file in payload.Files)
        {
            strict.GetString(file.Content);
        }

        Assert.Contains(payload.Files, f => f.Path.EndsWith("_Café 😀.provxml"));
    }
}
