using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Packages.Discovery;
using BulkEnroll.Packaging.Payload;

namespace BulkEnroll.Packages.Checks;

/// <summary>The checks that ask the outside world: the tenant (does the generic user exist) and the discovery service.</summary>
internal static class OnlinePackageChecks
{
    /// <remarks>
    /// <paramref name="answered"/> holds the tenant's answers so far in this command, by UPN: a folder often holds a user's
    /// package beside its project, or several versions of it, and one question per user is enough.
    /// </remarks>
    public static async Task<PackageTestResult> UpnExistsInTenantAsync(string path, EnrollmentDefinition? enrollment, BulkEnrollConnection? connection,
        IDictionary<string, AccountRecord?> answered, CancellationToken cancellationToken)
    {
        const string check = PackageCheckNames.UpnExistsInTenant;
        if (enrollment is null)
        {
            return PackageCheck.Skipped(path, check, "The package enrolls no user.");
        }

        if (connection is null || connection.IsDisconnected)
        {
            return PackageCheck.Skipped(path, check, "Not connected to a tenant: run Connect-BulkEnroll or pass -Connection to check that the user exists.");
        }

        try
        {
            if (!answered.TryGetValue(enrollment.Upn, out AccountRecord? account))
            {
                account = await connection.Accounts.FindByUidAsync(enrollment.Upn, cancellationToken).ConfigureAwait(false);
                answered[enrollment.Upn] = account;
            }

            return account is null
                ? PackageCheck.Failed(path, check, $"The tenant {connection.TenantUri.Host} has no user '{enrollment.Upn}'; PCs would fail to enroll. Create it with New-BulkEnrollUser.")
                : PackageCheck.Passed(path, check, $"The tenant {connection.TenantUri.Host} has the user '{enrollment.Upn}' (id {account.Id}).");
        }
        catch (BulkEnrollException e)
        {
            return PackageCheck.Failed(path, check, $"Could not ask the tenant whether '{enrollment.Upn}' exists: [{e.ErrorId}] {e.Message}");
        }
    }

    public static async Task<PackageTestResult> DiscoveryAsync(string path, EnrollmentDefinition? enrollment, DiscoveryClient? client, CancellationToken cancellationToken)
    {
        const string check = PackageCheckNames.Discovery;
        if (client is null)
        {
            return PackageCheck.Skipped(path, check, "Not asked: add -Online to send the discovery service the request a PC sends.");
        }

        if (enrollment is null)
        {
            return PackageCheck.Skipped(path, check, "The package enrolls no user.");
        }

        if (!Uri.TryCreate(enrollment.DiscoveryServiceFullUrl, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return PackageCheck.Failed(path, check, $"The discovery URL '{enrollment.DiscoveryServiceFullUrl}' is not an absolute https:// URL.");
        }

        DiscoveryResponse response;
        try
        {
            response = await client.DiscoverAsync(url, enrollment.Upn, cancellationToken).ConfigureAwait(false);
        }
        catch (BulkEnrollException e)
        {
            return PackageCheck.Failed(path, check, $"[{e.ErrorId}] {e.Message}");
        }

        if (!string.Equals(response.AuthPolicy, DiscoveryMessages.OnPremise, StringComparison.Ordinal))
        {
            return PackageCheck.Failed(path, check,
                $"{url} answered AuthPolicy '{response.AuthPolicy}'; enrollment with a generic user and password needs {DiscoveryMessages.OnPremise}.");
        }

        if (!IsServiceUrl(response.EnrollmentServiceUrl, url, out Uri? enrollmentUrl))
        {
            return PackageCheck.Failed(path, check, $"{url} answered OnPremise but no usable EnrollmentServiceUrl ('{response.EnrollmentServiceUrl}').");
        }

        // Windows needs the policy and enrollment services on one host (MS-MDE2 on-premise authentication).
        if (response.EnrollmentPolicyServiceUrl != null
            && (!IsServiceUrl(response.EnrollmentPolicyServiceUrl, url, out Uri? policyUrl) || !string.Equals(policyUrl!.Host, enrollmentUrl!.Host, StringComparison.OrdinalIgnoreCase)))
        {
            return PackageCheck.Warning(path, check,
                $"{url} answered OnPremise, but its policy service '{response.EnrollmentPolicyServiceUrl}' is not on the enrollment service's host {enrollmentUrl!.Host}.");
        }

        return PackageCheck.Passed(path, check, $"{url} answered OnPremise with the enrollment service {enrollmentUrl}.");
    }

    /// <summary>An absolute https URL, or http when discovery itself was reached over http on loopback (the sandbox).</summary>
    private static bool IsServiceUrl(string? text, Uri discoveryUrl, out Uri? url)
    {
        url = null;
        if (text is null || !Uri.TryCreate(text, UriKind.Absolute, out Uri? parsed))
        {
            return false;
        }

        url = parsed;
        return parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback && discoveryUrl.IsLoopback);
    }
}
