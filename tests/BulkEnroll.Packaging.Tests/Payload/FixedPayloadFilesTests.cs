using BulkEnroll.Packaging.Payload;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Payload;

public class FixedPayloadFilesTests
{
    [Fact]
    public void Multivariant_xml_is_the_120_byte_file_every_genuine_package_holds()
    {
        byte[] bytes = FixedPayloadFiles.MultivariantXml();

        Assert.Equal(120, bytes.Length);
        Assert.False(Samples.HasBom(bytes));
        Assert.Equal(
            Samples.Crlf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<Elements Type=\"Multivariant\">", "  <Element Index=\"0\">", "  </Element>", "</Elements>"),
            Samples.Text(bytes));
    }

    [Fact]
    public void CommonSettings_xml_is_the_122_byte_file_every_genuine_package_holds()
    {
        byte[] bytes = FixedPayloadFiles.CommonSettingsXml();

        Assert.Equal(122, bytes.Length);
        Assert.False(Samples.HasBom(bytes));
        Assert.Equal(
            Samples.Crlf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<Elements Type=\"CommonSettings\">", "  <Element Index=\"1\">", "  </Element>", "</Elements>"),
            Samples.Text(bytes));
    }

    [Fact]
    public void MasterDatastore_xml_is_the_271_byte_file_with_a_bom()
    {
        byte[] bytes = FixedPayloadFiles.MasterDatastoreXml();

        Assert.Equal(271, bytes.Length);
        Assert.True(Samples.HasBom(bytes));
        Assert.Equal(
            Samples.Crlf(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
                "<ConfigurationSourceList Version=\"1.0\">",
                "  <ConfigurationSource Name=\"RunTime\" Path=\"$(_prov)\\RunTime.xml\">",
                "    <EventList>",
                "      <Event Name=\"RunTime\" />",
                "    </EventList>",
                "  </ConfigurationSource>",
                "</ConfigurationSourceList>"),
            Samples.Text(bytes));
    }
}
