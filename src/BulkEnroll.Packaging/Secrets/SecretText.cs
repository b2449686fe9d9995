using System;
using System.Runtime.InteropServices;
using System.Security;

namespace BulkEnroll.Packaging.Secrets;

/// <summary>
/// The only place where a SecureString becomes plain text, so that every such moment can be found in one
/// search. Callers reveal a secret just before it is written into a payload file and drop it right after.
/// </summary>
internal static class SecretText
{
    public static string Reveal(SecureString secret)
    {
        if (secret is null)
        {
            throw new ArgumentNullException(nameof(secret));
        }

        IntPtr buffer = IntPtr.Zero;
        try
        {
            buffer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            return Marshal.PtrToStringUni(buffer, secret.Length);
        }
        finally
        {
            if (buffer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(buffer);
            }
        }
    }

    /// <summary>Wraps a secret read from a file; the result is read-only.</summary>
    public static SecureString Protect(string plainText)
    {
        if (plainText is null)
        {
            throw new ArgumentNullException(nameof(plainText));
        }

        var secret = new SecureString();
        foreach (char c in plainText)
        {
            secret.AppendChar(c);
        }

        secret.MakeReadOnly();
        return secret;
    }

    public static bool IsNullOrEmpty(SecureString? secret) => secret is null || secret.Length == 0;
}
