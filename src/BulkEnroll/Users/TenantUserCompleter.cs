using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Completion;

/// <summary>
/// Completes the real users of the tenant (the people devices are assigned to). A tenant can hold tens of thousands
/// of accounts, so nothing is listed in full: the typed text goes to the tenant's free-text account search and the
/// first page's UPNs that start with it are offered; generic users are left out (devices are never assigned to them).
/// </summary>
public sealed class TenantUserCompleter : CompleterBase
{
    private const int Offered = 50;

    internal override IEnumerable<string> Candidates(BulkEnrollConnection connection, string typed)
    {
        if (typed.Length < 2)
        {
            return Array.Empty<string>(); // too broad to be useful, and the tenant would scan for nothing
        }

        return CompletionCache.Get(connection, "tenant-users:" + typed.ToUpperInvariant(), async cancellationToken =>
        {
            var found = new List<string>();
            await foreach (AccountRecord account in connection.Accounts.SearchAsync(typed, 1, cancellationToken).ConfigureAwait(false))
            {
                string upn = account.PrincipalName;
                if (upn.StartsWith(typed, StringComparison.OrdinalIgnoreCase) && !GenericUser.IsGeneric(upn))
                {
                    found.Add(upn);
                }

                if (found.Count == Offered)
                {
                    break;
                }
            }

            return (IReadOnlyList<string>)found.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        });
    }
}
