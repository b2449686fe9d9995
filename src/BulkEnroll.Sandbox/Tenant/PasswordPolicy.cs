using System.Security.Cryptography;
using System.Text;

namespace BulkEnroll.Sandbox.Tenant;

/// <summary>The tenant's "Password Complexity Setting" for local accounts, in one place.</summary>
/// <remarks>The real rule is configurable per tenant (docs/reference/ivanti-api.md#password-complexity, S27) and its default is not
/// documented [GAP]; this is a typical one, strict enough that a weak password is rejected.</remarks>
public static class PasswordPolicy
{
    public const int MinimumLength = 8;
    public const int RequiredCharacterClasses = 3;

    public const string Description =
        "must be at least 8 characters and contain 3 of: upper case, lower case, digit, symbol";

    public static bool IsSatisfiedBy(string password)
    {
        if (password.Length < MinimumLength)
        {
            return false;
        }

        int classes = 0;
        if (password.Any(char.IsUpper))
        {
            classes++;
        }

        if (password.Any(char.IsLower))
        {
            classes++;
        }

        if (password.Any(char.IsDigit))
        {
            classes++;
        }

        if (password.Any(c => !char.IsLetterOrDigit(c)))
        {
            classes++;
        }

        return classes >= RequiredCharacterClasses;
    }
}

/// <summary>Server-side password storage: salted PBKDF2, so a state dump can never leak one.</summary>
internal sealed class PasswordHash
{
    // Few iterations on purpose: this guards against accidental disclosure, not offline attack, and
    // enrollment tests check passwords often.
    private const int Iterations = 1_000;
    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private PasswordHash(byte[] salt, byte[] hash) { _salt = salt; _hash = hash; }

    public static PasswordHash Create(string password, Random saltSource)
    {
        var salt = new byte[16];
        saltSource.NextBytes(salt);
        return new PasswordHash(salt, Derive(password, salt));
    }

    public bool Matches(string password) => CryptographicOperations.FixedTimeEquals(Derive(password, _salt), _hash);

    private static byte[] Derive(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
}
