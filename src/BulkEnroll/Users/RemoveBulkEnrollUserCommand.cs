using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Users;

namespace BulkEnroll.Commands;

/// <summary>
/// Deletes generic users. Ivanti retires every device still registered to a deleted user, so a user that still
/// has ACTIVE devices is refused unless -RetireDevices says that is intended; -WhatIf and -Confirm say how many
/// devices, and which, would be retired. Devices it enrolled that were assigned to their real users are untouched.
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

    /// <summary>Delete users that still have devices registered to them, which retires those devices.</summary>
    [Parameter]
    public SwitchParameter RetireDevices { get; set; }

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

            // Every space: a user whose devices all sit in another space still has devices to lose.
            RegisteredDevices devices = await RegisteredDevices.FindAsync(ActiveConnection, user, cancellationToken).ConfigureAwait(false);
            if (devices.Count > 0 && !RetireDevices)
            {
                EmitError("UserHasDevices", ErrorCategory.InvalidOperation,
                    $"Deleting '{upn}' would retire the {devices} still registered to it (all device spaces); it was not removed. "
                    + "Assign them to their users first (Set-DeviceAssignment), or add -RetireDevices to delete it and retire them.", upn);
                continue;
            }

            string what = devices.Count > 0
                ? $"Remove generic user and retire the {devices} registered to it"
                : "Remove generic user (no device is registered to it)";
            if (!await ShouldProcessOnPipelineAsync(upn, what).ConfigureAwait(false))
            {
                continue;
            }

            await ActiveConnection.Accounts.DeleteAsync(user.Id, upn, cancellationToken).ConfigureAwait(false);
            EmitVerbose(devices.Count > 0 ? $"Removed {upn} (id {user.Id}); the tenant retires its {devices}." : $"Removed {upn} (id {user.Id}).");
        }
    }
}
