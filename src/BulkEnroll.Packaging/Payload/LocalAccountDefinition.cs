using System.Security;

namespace BulkEnroll.Packaging.Payload;

/// <summary>A local account the package creates (Accounts › Users).</summary>
internal sealed class LocalAccountDefinition
{
    public LocalAccountDefinition(string userName, SecureString password, LocalUserGroup group = LocalUserGroup.Administrators)
    {
        UserName = userName;
        Password = password;
        Group = group;
    }

    public string UserName { get; set; }

    public SecureString Password { get; set; }

    public LocalUserGroup Group { get; set; }

    public override string ToString() => UserName;
}
