using BulkEnroll.Sandbox.Tenant;

namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>Checks the UPN and Secret of an on-premises request against the tenant's accounts. Any account may
/// enroll; only a windows-bulkenroll one makes it a bulk enrollment (decided later, from the enroller's uid).</summary>
internal static class UsernameTokenAuthenticator
{
    /// <summary>One text for an unknown user and a wrong password, as a real server does not tell them apart.</summary>
    public const string IncorrectCredentials = "The user name or password is incorrect.";

    /// <exception cref="SoapFaultException">s:authentication, with a reason that never quotes the password.</exception>
    public static SandboxAccount Authenticate(UsernameToken? token, TenantState tenant)
    {
        if (token is null)
        {
            throw new SoapFaultException(SoapFaultSubcodes.Authentication, "The request carries no WS-Security UsernameToken; the OnPremise policy needs the user name and password.");
        }

        if (token.PasswordType is not null && token.PasswordType != MdeUris.PasswordText)
        {
            throw new SoapFaultException(SoapFaultSubcodes.Authentication, $"The password type '{token.PasswordType}' is not supported; send {MdeUris.PasswordText}.");
        }

        if (token.Username.Length == 0 || token.Password.Length == 0)
        {
            throw new SoapFaultException(SoapFaultSubcodes.Authentication, IncorrectCredentials);
        }

        return tenant.Authenticate(token.Username, token.Password)
            ?? throw new SoapFaultException(SoapFaultSubcodes.Authentication, IncorrectCredentials);
    }
}
