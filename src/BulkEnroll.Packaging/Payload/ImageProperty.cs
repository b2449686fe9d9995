namespace BulkEnroll.Packaging.Payload;

/// <summary>An element of the WIM image XML (&lt;IMAGE INDEX="1"&gt;), e.g. NAME or ALTITUDE.</summary>
internal sealed class ImageProperty
{
    public ImageProperty(string name, string value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }

    public string Value { get; }

    public override string ToString() => $"{Name}={Value}";
}
