using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Records;

using BulkEnroll.Runtime;

namespace BulkEnroll.Users;

/// <summary>
/// The tenant's generic <c>windows-bulkenroll*</c> accounts, read once per command: device records name their
/// enroller by account id only, and this is how an id becomes a UPN and a device becomes "bulk-enrolled".
/// </summary>
internal sealed class GenericUserDirectory
{
    private readonly Dictionary<long, AccountRecord> _byId;

    private GenericUserDirectory(IEnumerable<AccountRecord> users)
    {
        Users = users.OrderBy(u => u.PrincipalName, StringComparer.OrdinalIgnoreCase).ToList();
        _byId = Users.ToDictionary(u => u.Id);
    }

    public IReadOnlyList<AccountRecord> Users { get; }

    public static async Task<GenericUserDirectory> LoadAsync(BulkEnrollConnection connection, CancellationToken cancellationToken)
    {
        var users = new List<AccountRecord>();
        // q is free text [I]; the prefix check below is what decides.
        await foreach (AccountRecord account in connection.Accounts.SearchAsync(GenericUser.Prefix, 2, cancellationToken).ConfigureAwait(false))
        {
            if (GenericUser.IsGeneric(account.PrincipalName))
            {
                users.Add(account);
            }
        }

        return new GenericUserDirectory(users);
    }

    public bool TryGet(long? accountId, out AccountRecord user)
    {
        if (accountId is long id && _byId.TryGetValue(id, out AccountRecord? found))
        {
            user = found;
            return true;
        }

        user = null!;
        return false;
    }

    public bool IsBulkEnrolled(DeviceRecord device) => TryGet(device.EnrollerId, out _);

    /// <summary>The users whose UPN matches any of the patterns (wildcards allowed, case ignored); all of them when none are given.</summary>
    public IReadOnlyList<AccountRecord> Matching(IReadOnlyCollection<string>? patterns, string parameter = "UserPrincipalName")
    {
        if (patterns == null)
        {
            return Users;
        }

        WildcardPattern[] compiled = patterns.Select(p => NamePatterns.Compile(p, parameter, false, null)).ToArray();
        return Users.Where(u => compiled.Any(p => p.IsMatch(u.PrincipalName))).ToList();
    }

    /// <summary>The names given exactly (no wildcards) that are no generic user of the tenant: each is worth an error, even among others that exist.</summary>
    public IEnumerable<string> Unknown(IEnumerable<string>? names)
        => (names ?? Enumerable.Empty<string>()).Where(name => !WildcardPattern.ContainsWildcardCharacters(name)
            && !Users.Any(u => string.Equals(u.PrincipalName, name, StringComparison.OrdinalIgnoreCase)));
}
