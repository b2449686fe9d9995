using System.Security;
using BulkEnroll.Packaging.Files;

namespace BulkEnroll.Packages.Icd;

internal sealed class IcdBuildResult
{
    public IcdBuildResult(WrittenFile package, SecureString? decryptionPassword)
    {
        Package = package;
        DecryptionPassword = decryptionPassword;
    }

    public WrittenFile Package { get; }

    /// <summary>Only for +Encrypted builds.</summary>
    public SecureString? DecryptionPassword { get; }
}
