using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Packaging.Secrets;
using BulkEnroll.Users;

namespace BulkEnroll.Commands;

/// <summary>
/// Rotates a generic user's password (issue 18): every package built for the user holds its password, so a lost USB
/// stick lets anyone enroll PCs into the tenant. A new strong password is set on the tenant; packages built with the
/// old one are then refused at enrollment, and PCs already enrolled are not affected. Named after
/// Reset-ComputerMachinePassword, which does the same for a computer account. The account is changed, never deleted
/// and recreated: deleting a user retires the devices registered to it.
/// </summary>
[Cmdlet(VerbsCommon.Reset, "BulkEnrollUserPassword", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(BulkEnrollUser))]
public sealed class ResetBulkEnrollUserPasswordCommand : ConnectedCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("UPN")]
    [ArgumentCompleter(typeof(Completion.GenericUserCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] UserPrincipalName { get; set; } = System.Array.Empty<string>();

    /// <summary>Length of the generated password.</summary>
    [Parameter]
    [ValidateRange(12, PasswordPolicy.MaximumLength)]
    public int PasswordLength { get; set; } = PasswordPolicy.DefaultGeneratedLength;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (string raw in UserPrincipalName)
        {
            string upn = raw.Trim();
            if (!GenericUser.IsGeneric(upn))
            {
                EmitError("NotGenericUser", ErrorCategory.InvalidArgument, $"'{upn}' is not a generic {GenericUser.Prefix}* user; this command only changes the password of generic users.", upn);
                continue;
            }

            AccountRecord? user = await ActiveConnection.Accounts.FindByUidAsync(upn, cancellationToken).ConfigureAwait(false);
            if (user == null)
            {
                EmitError("UserNotFound", ErrorCategory.ObjectNotFound, $"There is no user '{upn}' in the tenant.", upn);
                continue;
            }

            if (!await ShouldProcessOnPipelineAsync(upn, "Set a new password (packages built with the old one will no longer enroll PCs)").ConfigureAwait(false))
            {
                continue;
            }

            SecureString password = PasswordPolicy.Generate(PasswordLength);
            try
            {
                await ActiveConnection.Accounts.SetPasswordAsync(user.Id, upn, SecretText.Reveal(password), cancellationToken).ConfigureAwait(false);
            }
            catch (NeuronsApiException e) when (e.HasFieldError("accounts[0].password"))
            {
                EmitError("WeakPassword", ErrorCategory.InvalidArgument,
                    $"The tenant rejected the new password for '{upn}' as not complex enough; its password complexity setting is stricter than the default. Pass a larger -PasswordLength. The old password still works.", upn);
                continue;
            }

            EmitVerbose($"Set a new password for {upn} (id {user.Id}); packages built with the old one no longer enroll PCs. Rebuild them with the new credential.");
            Emit(new BulkEnrollUser(user.Id, user.PrincipalName.Length > 0 ? user.PrincipalName : upn, user.DisplayName,
                DeviceConversions.FromEpoch(user.CreatedAt), null, new PSCredential(upn, password)));
        }
    }
}
