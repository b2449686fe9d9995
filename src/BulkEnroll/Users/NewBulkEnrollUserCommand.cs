using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Packaging.Secrets;
using BulkEnroll.Users;

namespace BulkEnroll.Commands;

/// <summary>
/// Creates generic <c>windows-bulkenroll*</c> users with a password, ready to go into provisioning packages.
/// Re-running is safe: users that exist are reported and left alone.
/// </summary>
[Cmdlet(VerbsCommon.New, "BulkEnrollUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(BulkEnrollUser))]
public sealed class NewBulkEnrollUserCommand : ConnectedCmdlet
{
    private const string ByNameSet = "ByName";
    private const string ByUpnSet = "ByUserPrincipalName";

    // What may follow "windows-bulkenroll-" in a UPN's local part.
    private static readonly Regex NameShape = new Regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant);

    private SecureString? _password;

    /// <summary>The part after <c>windows-bulkenroll-</c>, e.g. site-paris.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByNameSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter(Position = 1, ParameterSetName = ByNameSet)]
    [ValidateNotNullOrEmpty]
    public string? Domain { get; set; }

    /// <summary>Creates numbered users: name-1 ... name-N.</summary>
    [Parameter(ParameterSetName = ByNameSet)]
    [ValidateRange(1, 1000)]
    public int Count { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ByUpnSet, ValueFromPipelineByPropertyName = true)]
    [Alias("UPN")]
    [ValidateNotNullOrEmpty]
    public string[] UserPrincipalName { get; set; } = Array.Empty<string>();

    /// <summary>The password for every user created; when omitted, each user gets its own generated one.</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? Password { get; set; }

    [Parameter]
    [ValidateRange(12, PasswordPolicy.MaximumLength)]
    public int PasswordLength { get; set; } = PasswordPolicy.DefaultGeneratedLength;

    protected override void BeginProcessing()
    {
        if (Password != null)
        {
            if (!PasswordPolicy.IsComplexEnough(SecretText.Reveal(Password), out string reason))
            {
                ThrowTerminatingError(new BulkEnrollException("WeakPassword", ErrorCategory.InvalidArgument,
                    $"-Password does not meet the tenant's password complexity rule: {reason}.", "Password").ToErrorRecord());
            }

            _password = Password.Copy();
            _password.MakeReadOnly();
        }

        base.BeginProcessing();
    }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach ((string? upn, string suffix) in Requested())
        {
            if (upn == null)
            {
                EmitError("DomainRequired", ErrorCategory.InvalidArgument, $"'{suffix}' is a name, not a user principal name: add -Domain (e.g. -Domain contoso.com) or give the full UPN.", suffix);
                continue;
            }

            await CreateAsync(upn, suffix, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The users asked for: (UPN, name part); the UPN is null when a bare name came without -Domain.</summary>
    private IEnumerable<(string? Upn, string Suffix)> Requested()
    {
        if (ParameterSetName == ByUpnSet)
        {
            foreach (string upn in UserPrincipalName)
            {
                yield return (upn.Trim(), SuffixOf(upn.Trim()));
            }

            yield break;
        }

        foreach (string raw in Name)
        {
            string name = raw.Trim();
            // A full UPN piped in where a name was expected: take it as the UPN, it is what the user meant.
            if (name.Contains("@"))
            {
                yield return (name, SuffixOf(name));
                continue;
            }

            if (Count > 0)
            {
                for (int i = 1; i <= Count; i++)
                {
                    string numbered = name + "-" + i.ToString(CultureInfo.InvariantCulture);
                    yield return (Compose(numbered), numbered);
                }
            }
            else
            {
                yield return (Compose(name), name);
            }
        }
    }

    private string? Compose(string name)
        => Domain == null ? null : GenericUser.ComposeUpn(name, Domain.Trim().TrimStart('@'));

    private async Task CreateAsync(string upn, string suffix, CancellationToken cancellationToken)
    {
        if (!GenericUser.IsGeneric(upn))
        {
            EmitError("NotGenericUserName", ErrorCategory.InvalidArgument, $"'{upn}' does not start with '{GenericUser.Prefix}': Ivanti only bulk-enrolls Windows devices under such users.", upn);
            return;
        }

        if (!GenericUser.IsEnrollableUpn(upn) || !NameShape.IsMatch(suffix.Length == 0 ? "x" : suffix))
        {
            EmitError("InvalidUserPrincipalName", ErrorCategory.InvalidArgument,
                $"'{upn}' is not a user principal name a provisioning package can carry: letters, digits and single '.', '-' or '_' before the @ (at most 64 characters), then a domain such as contoso.com.", upn);
            return;
        }

        AccountRecord? existing = await ActiveConnection.Accounts.FindByUidAsync(upn, cancellationToken).ConfigureAwait(false);
        if (existing != null)
        {
            EmitError("UserAlreadyExists", ErrorCategory.ResourceExists, $"The user '{upn}' already exists (id {existing.Id}); it was left as it is. Use Get-BulkEnrollUser to see it.", upn);
            return;
        }

        if (!await ShouldProcessOnPipelineAsync(upn, "Create generic bulk-enrollment user").ConfigureAwait(false))
        {
            return;
        }

        SecureString password = _password ?? PasswordPolicy.Generate(PasswordLength);
        string displayName = "Windows bulk enrollment " + (suffix.Length > 0 ? suffix : upn);
        var account = new NewAccount(upn, "Windows", "Bulk Enrollment " + (suffix.Length > 0 ? suffix : "user"), displayName, SecretText.Reveal(password));
        AccountRecord? created = await CreateOnceAsync(account, cancellationToken).ConfigureAwait(false);
        if (created == null)
        {
            return;
        }

        EmitVerbose($"Created {upn} (id {created.Id}){(_password == null ? " with a generated password" : string.Empty)}.");
        Emit(new BulkEnrollUser(created.Id, created.PrincipalName.Length > 0 ? created.PrincipalName : upn, created.DisplayName ?? displayName,
            DeviceConversions.FromEpoch(created.CreatedAt) ?? DateTime.Now, 0, new PSCredential(upn, password)));
    }

    /// <summary>
    /// Creates the account exactly once: if the tenant's answer is lost, the UID is looked up before anything is
    /// sent again (a second create would fail as a duplicate, or worse, reset a password).
    /// </summary>
    private async Task<AccountRecord?> CreateOnceAsync(NewAccount account, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await ActiveConnection.Accounts.CreateAsync(account, cancellationToken).ConfigureAwait(false);
            }
            catch (NeuronsApiException e) when (e.OutcomeUnknown && attempt <= ActiveConnection.MaxRetryCount)
            {
                EmitVerbose($"The answer to creating {account.Uid} was lost ({e.ErrorId}); checking whether the user exists before trying again.");
                AccountRecord? found = await ActiveConnection.Accounts.FindByUidAsync(account.Uid, cancellationToken).ConfigureAwait(false);
                if (found != null)
                {
                    return found;
                }
            }
            catch (NeuronsApiException e) when (e.HasFieldError("accounts[0].password"))
            {
                string remedy = _password != null ? "Pass a longer, more varied -Password" : "Pass a larger -PasswordLength, or a -Password that meets the tenant's setting";
                EmitError("WeakPassword", ErrorCategory.InvalidArgument, $"The tenant rejected the password for '{account.Uid}' as not complex enough; its password complexity setting is stricter than the default. {remedy}.", account.Uid);
                return null;
            }
            catch (NeuronsApiException e) when (e.HasFieldError("accounts[0].uid", "Duplicate") || e.HasFieldError("accounts[0].emailAddress", "Duplicate"))
            {
                EmitError("UserAlreadyExists", ErrorCategory.ResourceExists, $"The user '{account.Uid}' already exists; it was left as it is.", account.Uid);
                return null;
            }
            catch (NeuronsApiException e) when (e.StatusCode == System.Net.HttpStatusCode.BadRequest)
            {
                EmitError("UserRejected", ErrorCategory.InvalidArgument, e.Message, account.Uid);
                return null;
            }
        }
    }

    private static string SuffixOf(string upn)
    {
        int at = upn.IndexOf('@');
        string local = at < 0 ? upn : upn.Substring(0, at);
        return local.Length > GenericUser.Prefix.Length && GenericUser.IsGeneric(local)
            ? local.Substring(GenericUser.Prefix.Length).TrimStart('-', '.', '_')
            : string.Empty;
    }
}
