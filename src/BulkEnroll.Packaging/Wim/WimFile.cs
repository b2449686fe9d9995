using System;

namespace BulkEnroll.Packaging.Wim;

/// <summary>One file to store in a WIM image.</summary>
internal sealed class WimFile
{
    private const int MaxNameLength = 255;

    /// <param name="path">Relative path with '/' (or '\') separators, e.g. "Multivariant/0/Prov/RunTime.xml"; directories are implied.</param>
    /// <param name="content">The bytes, not copied: do not change them until the WIM is written.</param>
    public WimFile(string path, byte[] content)
    {
        Path = Normalize(path ?? throw new ArgumentNullException(nameof(path)));
        Content = content ?? throw new ArgumentNullException(nameof(content));
    }

    /// <summary>The path with '/' separators and no leading separator.</summary>
    public string Path { get; }

    public byte[] Content { get; }

    public override string ToString() => $"{Path} ({Content.Length} bytes)";

    private static string Normalize(string path)
    {
        string normalized = path.Replace('\\', '/').TrimStart('/');
        if (normalized.Length == 0)
        {
            throw new ArgumentException($"The WIM file path '{path}' names no file.", nameof(path));
        }

        foreach (string segment in normalized.Split('/'))
        {
            CheckName(segment, path);
        }

        return normalized;
    }

    // Windows must be able to create every name, or applying the package fails on the device.
    private static void CheckName(string name, string path)
    {
        if (name.Length == 0 || name == "." || name == "..")
        {
            throw new ArgumentException($"The WIM file path '{path}' has an empty, '.' or '..' segment.", nameof(path));
        }

        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"The WIM file path '{path}' has a name longer than {MaxNameLength} characters.", nameof(path));
        }

        if (name.EndsWith(".", StringComparison.Ordinal) || name.EndsWith(" ", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The WIM file path '{path}' has a name ending in a dot or space, which Windows cannot create.", nameof(path));
        }

        foreach (char c in name)
        {
            if (c < ' ' || c == '<' || c == '>' || c == ':' || c == '"' || c == '|' || c == '?' || c == '*')
            {
                throw new ArgumentException($"The WIM file path '{path}' contains a character Windows does not allow in file names.", nameof(path));
            }
        }
    }
}
