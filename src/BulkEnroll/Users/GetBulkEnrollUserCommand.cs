using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Users;

namespace BulkEnroll.Commands;

/// <summary>The tenant's generic <c>windows-bulkenroll*</c> users, with how many devices each enrolled.</summary>
[Cmdlet(VerbsCommon.Get, "BulkEnrollUser")]
[OutputType(typeof(BulkEnrollUser))]
public sealed class GetBulkEnrollUserCommand : ConnectedCmdlet
{
    private GenericUserDirectory? _users;

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [Alias("UPN")]
    [ArgumentCompleter(typeof(Completion.GenericUserCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? UserPrincipalName { get; set; }

    protected override async Task BeginProcessingAsync(CancellationToken cancellationToken)
        => _users = await GenericUserDirectory.LoadAsync(ActiveConnection, cancellationToken).ConfigureAwait(false);

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<AccountRecord> matches = _users!.Matching(UserPrincipalName);
        // A handful of users at most: count their devices at once rather than one after another.
        long[] counts = await Task.WhenAll(matches.Select(u => EnrolledDeviceCounter.CountAsync(ActiveConnection, u.Id, cancellationToken))).ConfigureAwait(false);
        for (int i = 0; i < matches.Count; i++)
        {
            AccountRecord user = matches[i];
            Emit(new BulkEnrollUser(user.Id, user.PrincipalName, user.DisplayName, DeviceConversions.FromEpoch(user.CreatedAt), counts[i], null));
        }

        foreach (string name in _users.Unknown(UserPrincipalName))
        {
            string reason = GenericUser.IsGeneric(name) ? "There is no generic user" : $"'{name}' is not a generic {GenericUser.Prefix}* user, and there is no generic user";
            EmitError("UserNotFound", ErrorCategory.ObjectNotFound, $"{reason} named '{name}'.", name);
        }
    }
}
