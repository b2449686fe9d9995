using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Users;

namespace BulkEnroll.Commands;

/// <summary>
/// Deletes generic users. One that still has enrolled devices is refused unless -Force: its packages may
/// still be in use, and its devices may not all be assigned yet.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "BulkEnrollUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveBulkEnrollUserCommand : ConnectedCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("UPN")]
    [ArgumentCompleter(typeof(Completion.GenericUserCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] UserPrincipalName { get; set; } = System.Array.Empty<string>();

    /// <summary>Remove users that still have enrolled devices (the devices stay enrolled).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (string raw in UserPrincipalName)
        {
            string upn = raw.Trim();
            if (!GenericUser.IsGeneric(upn))
            {
                EmitError("NotGenericUser", ErrorCategory.InvalidArgument, $"'{upn}' is not a generic {GenericUser.Prefix}* user; this command only removes generic users.", upn);
                continue;
            }

            AccountRecord? user = await ActiveConnection.Accounts.FindByUidAsync(upn, cancellationToken).ConfigureAwait(false);
            if (user == null)
            {
                EmitError("UserNotFound", ErrorCategory.ObjectNotFound, $"There is no user '{upn}' in the tenant.", upn);
                continue;
            }

            // Every space: a user whose devices all sit in another space still has devices.
            long devices = await EnrolledDeviceCounter.CountInAllSpacesAsync(ActiveConnection, user.Id, cancellationToken).ConfigureAwait(false);
            if (devices > 0 && !Force)
            {
                EmitError("UserHasDevices", ErrorCategory.InvalidOperation, $"'{upn}' enrolled {devices} device(s) (all device spaces); it was not removed. Use -Force to remove it anyway (the devices stay enrolled).", upn);
                continue;
            }

            string what = devices > 0 ? $"Remove generic user (it enrolled {devices} device(s))" : "Remove generic user";
            if (!await ShouldProcessOnPipelineAsync(upn, what).ConfigureAwait(false))
            {
                continue;
            }

            await ActiveConnection.Accounts.DeleteAsync(user.Id, upn, cancellationToken).ConfigureAwait(false);
            EmitVerbose($"Removed {upn} (id {user.Id}).");
        }
    }
}
