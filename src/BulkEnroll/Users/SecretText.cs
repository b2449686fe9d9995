using System;
using System.Runtime.InteropServices;
using System.Security;

namespace BulkEnroll.Users
{
    /// <summary>The one place a SecureString becomes plain text, for the moment it must go into a request or a file.</summary>
    internal static class SecretText
    {
        public static string Reveal(SecureString secret)
        {
            IntPtr pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }
    }
}
