using System.Collections.Generic;
using System.Linq;
using BulkEnroll.Users;

namespace BulkEnroll.Completion;

/// <summary>Completes generic windows-bulkenroll* UPNs from the connected tenant.</summary>
public sealed class GenericUserCompleter : CompleterBase
{
    internal override IEnumerable<string> Candidates(BulkEnrollConnection connection, string typed)
        => CompletionCache.Get(connection, "generic-users", async cancellationToken =>
            (IReadOnlyList<string>)(await GenericUserDirectory.LoadAsync(connection, cancellationToken).ConfigureAwait(false))
                .Users.Select(u => u.PrincipalName).ToList());
}
