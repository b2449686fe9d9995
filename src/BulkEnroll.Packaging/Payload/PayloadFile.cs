namespace BulkEnroll.Packaging.Payload;

/// <summary>One file of the image, e.g. "Multivariant/0/Prov/RunTime.xml" ('/' separators, no leading '/').</summary>
internal sealed class PayloadFile
{
    public PayloadFile(string path, byte[] content)
    {
        Path = path;
        Content = content;
    }

    public string Path { get; }

    /// <summary>May hold secrets in plain text: see <see cref="PackagePayload.Dispose"/>.</summary>
    public byte[] Content { get; }

    public override string ToString() => $"{Path} ({Content.Length} B)";
}
