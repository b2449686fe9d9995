using System;
using System.Linq;
using System.Security;
using System.Security.Cryptography;

namespace BulkEnroll.Users;

/// <summary>
/// Passwords for generic users: generated with a cryptographic RNG, and checked against the tenant's local
/// account complexity rule before anything is sent. The rule's details are a tenant setting ("Password
/// Complexity Setting", docs/reference/ivanti-api.md#password-complexity); we check the common default: at least 8 characters from at least
/// 3 of the 4 classes. Generated passwords always use all 4 classes, so they pass stricter settings too.
/// </summary>
internal static class PasswordPolicy
{
    public const int MinimumLength = 8;
    public const int DefaultGeneratedLength = 20;
    public const int MaximumLength = 128;

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    // No quotes, angle brackets, ampersands, backslashes, $ or backticks: the password travels through XML, the
    // designer's UI and admins' scripts; nothing should need escaping or be misread (no 0/O, 1/l/I either).
    private const string Symbols = "!#%*+-=?@^_~.:";

    public static bool IsComplexEnough(string password, out string reason)
    {
        if (password.Length < MinimumLength)
        {
            reason = $"it has fewer than {MinimumLength} characters";
            return false;
        }

        if (password.Length > MaximumLength)
        {
            reason = $"it has more than {MaximumLength} characters";
            return false;
        }

        int classes = 0;
        classes += password.Any(char.IsUpper) ? 1 : 0;
        classes += password.Any(char.IsLower) ? 1 : 0;
        classes += password.Any(char.IsDigit) ? 1 : 0;
        classes += password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0;
        if (classes < 3)
        {
            reason = "it needs characters from at least 3 of: upper case, lower case, digits, symbols";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    public static SecureString Generate(int length)
    {
        if (length < 12 || length > MaximumLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        string all = Upper + Lower + Digits + Symbols;
        var chars = new char[length];
        using (var random = RandomNumberGenerator.Create())
        {
            // One of each class first, the rest from the whole alphabet, then a Fisher-Yates shuffle.
            chars[0] = Pick(random, Upper);
            chars[1] = Pick(random, Lower);
            chars[2] = Pick(random, Digits);
            chars[3] = Pick(random, Symbols);
            for (int i = 4; i < length; i++)
            {
                chars[i] = Pick(random, all);
            }

            for (int i = length - 1; i > 0; i--)
            {
                int j = Uniform(random, i + 1);
                (chars[i], chars[j]) = (chars[j], chars[i]);
            }
        }

        var secure = new SecureString();
        foreach (char c in chars)
        {
            secure.AppendChar(c);
        }

        Array.Clear(chars, 0, chars.Length);
        secure.MakeReadOnly();
        return secure;
    }

    private static char Pick(RandomNumberGenerator random, string alphabet) => alphabet[Uniform(random, alphabet.Length)];

    // Rejection sampling: no modulo bias.
    private static int Uniform(RandomNumberGenerator random, int exclusiveMax)
    {
        var buffer = new byte[4];
        uint limit = uint.MaxValue - (uint.MaxValue % (uint)exclusiveMax);
        uint value;
        do
        {
            random.GetBytes(buffer);
            value = BitConverter.ToUInt32(buffer, 0);
        }
        while (value >= limit);
        return (int)(value % (uint)exclusiveMax);
    }
}
