using System.Text;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// The three payload files that are byte-identical in every genuine package from 2018 to 2026
/// (docs/reference/package-format.md#fixed-files): Multivariant.xml (120 B), CommonSettings.xml (122 B), MasterDatastore.xml (271 B).
/// Written out literally because their empty-but-not-self-closed elements are not what a serialiser emits.
/// </summary>
internal static class FixedPayloadFiles
{
    public static byte[] MultivariantXml() => NoBom(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
        + "<Elements Type=\"Multivariant\">\r\n"
        + "  <Element Index=\"0\">\r\n"
        + "  </Element>\r\n"
        + "</Elements>");

    public static byte[] CommonSettingsXml() => NoBom(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
        + "<Elements Type=\"CommonSettings\">\r\n"
        + "  <Element Index=\"1\">\r\n"
        + "  </Element>\r\n"
        + "</Elements>");

    public static byte[] MasterDatastoreXml() => PayloadXmlText.Encode(
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n"
            + "<ConfigurationSourceList Version=\"1.0\">\r\n"
            + "  <ConfigurationSource Name=\"RunTime\" Path=\"$(_prov)\\RunTime.xml\">\r\n"
            + "    <EventList>\r\n"
            + "      <Event Name=\"RunTime\" />\r\n"
            + "    </EventList>\r\n"
            + "  </ConfigurationSource>\r\n"
            + "</ConfigurationSourceList>"),
        withBom: true);

    private static byte[] NoBom(string text) => Encoding.ASCII.GetBytes(text);
}
