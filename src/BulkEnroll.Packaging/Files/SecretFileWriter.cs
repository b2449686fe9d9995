using System;

namespace BulkEnroll.Packaging.Files;

/// <summary>Writes a file that holds secrets owner-only, then wipes the buffer it came from.</summary>
internal static class SecretFileWriter
{
    public static WrittenFile Write(string path, byte[] content, bool overwrite)
    {
        try
        {
            string sha256 = Sha256Hex.Of(content);
            bool ownerOnly = OwnerOnlyFile.Write(path, content, overwrite);
            return new WrittenFile(path, content.LongLength, sha256, ownerOnly);
        }
        finally
        {
            Array.Clear(content, 0, content.Length);
        }
    }
}
