using System.Security.AccessControl;
using System.Security.Principal;

namespace BulkEnroll.Packaging.Files;

/// <summary>
/// The protected DACL owner-only files get on Windows: full control for the current user, SYSTEM and
/// Administrators, nothing inherited from the folder (which may let Users or Everyone read).
/// </summary>
internal static class WindowsOwnerOnlySecurity
{
    public static FileSecurity ForFile()
    {
        var security = new FileSecurity();
        Restrict(security, InheritanceFlags.None);
        return security;
    }

    public static DirectorySecurity ForDirectory()
    {
        var security = new DirectorySecurity();
        Restrict(security, InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit);
        return security;
    }

    private static void Restrict(FileSystemSecurity security, InheritanceFlags inheritance)
    {
        SecurityIdentifier user = CurrentUser();
        security.SetOwner(user);
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        foreach (SecurityIdentifier sid in new[]
        {
            user,
            new SecurityIdentifier(WellKnownSidType.LocalSystemSid, null),
            new SecurityIdentifier(WellKnownSidType.BuiltinAdministratorsSid, null),
        })
        {
            security.AddAccessRule(new FileSystemAccessRule(sid, FileSystemRights.FullControl, inheritance, PropagationFlags.None, AccessControlType.Allow));
        }
    }

    private static SecurityIdentifier CurrentUser()
    {
        using WindowsIdentity identity = WindowsIdentity.GetCurrent();
        return identity.User!;
    }
}
