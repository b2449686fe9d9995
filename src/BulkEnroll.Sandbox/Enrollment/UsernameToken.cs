namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>The WS-Security UsernameToken of a policy or enrollment request: the UPN and the Secret of the
/// package. <see cref="ToString"/> leaves the password out, so the token can never end up in a log by accident.</summary>
internal sealed class UsernameToken(string username, string password, string? passwordType)
{
    public string Username { get; } = username;
    public string Password { get; } = password;

    /// <summary>The wsse:Password Type attribute; on-premises enrollment sends PasswordText.</summary>
    public string? PasswordType { get; } = passwordType;

    public override string ToString() => $"UsernameToken({Username}, password redacted)";
}
