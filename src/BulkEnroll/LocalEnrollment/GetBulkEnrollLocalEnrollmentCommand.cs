using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using BulkEnroll.LocalEnrollment;

namespace BulkEnroll.Commands;

/// <summary>
/// The MDM enrollments Windows recorded on this PC, for scripts that run on the device itself (Intune remediations,
/// GPO startup scripts): under which UPN, whether that is a generic windows-bulkenroll user, the discovery URL and
/// whether it looks like Ivanti. With -Quiet, one boolean: is this PC enrolled under a generic user?
/// Windows only. Finding nothing is an answer, not an error: detection scripts treat anything written to the error
/// stream as a failed run, so "not enrolled" and "no such UPN" are reported in -Verbose only.
/// </summary>
[Cmdlet(VerbsCommon.Get, "BulkEnrollLocalEnrollment")]
[OutputType(typeof(LocalMdmEnrollment), typeof(bool))]
public sealed class GetBulkEnrollLocalEnrollmentCommand : PSCmdlet
{
    internal const string RequiresWindowsErrorId = "LocalEnrollmentRequiresWindows";

    /// <summary>Only enrollments under these UPNs; wildcards allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [Alias("UPN")]
    [ValidateNotNullOrEmpty]
    public string[]? UserPrincipalName { get; set; }

    /// <summary>Only enrollments under a generic windows-bulkenroll user.</summary>
    [Parameter]
    public SwitchParameter GenericOnly { get; set; }

    /// <summary>Also the entries that are not MDM enrollments (no ProviderID and no discovery URL).</summary>
    [Parameter]
    public SwitchParameter IncludeNonMdm { get; set; }

    /// <summary>Returns $true when this PC is enrolled in MDM under a generic windows-bulkenroll user (that also
    /// matches -UserPrincipalName, if given), $false otherwise, instead of the enrollments.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void EndProcessing()
    {
        if (!LocalEnrollmentSources.IsWindows())
        {
            ThrowTerminatingError(RequiresWindows().ToErrorRecord());
        }

        List<LocalMdmEnrollment> all;
        try
        {
            var reader = new LocalEnrollmentReader(LocalEnrollmentSources.OpenRegistry(), WriteVerbose, problem => WriteError(problem.ToErrorRecord()));
            all = reader.ReadAll().ToList();
        }
        catch (BulkEnrollException e)
        {
            ThrowTerminatingError(e.ToErrorRecord());
            return;
        }

        List<LocalMdmEnrollment> matches = all.Where(Matches).ToList();
        int hidden = all.Count(e => !e.IsMdm);
        if (hidden > 0 && !IncludeNonMdm)
        {
            WriteVerbose($"{hidden} non-MDM entr{(hidden == 1 ? "y" : "ies")} left out; -IncludeNonMdm shows them.");
        }

        if (Quiet)
        {
            LocalMdmEnrollment? bulk = matches.FirstOrDefault(e => e.IsMdm && e.IsEnrolled && e.IsGenericUser);
            WriteVerbose(bulk != null
                ? $"Enrolled in MDM under the generic user {bulk.UserPrincipalName} (enrollment {bulk.EnrollmentId})."
                : "Not enrolled in MDM under a generic windows-bulkenroll user" + (UserPrincipalName != null ? " matching -UserPrincipalName." : "."));
            WriteObject(bulk != null);
            return;
        }

        WriteVerbose($"{matches.Count} enrollment(s) match.");
        foreach (LocalMdmEnrollment enrollment in matches)
        {
            WriteObject(enrollment);
        }
    }

    private bool Matches(LocalMdmEnrollment enrollment)
    {
        if (!enrollment.IsMdm && !IncludeNonMdm)
        {
            return false;
        }

        if (GenericOnly && !enrollment.IsGenericUser)
        {
            return false;
        }

        return UserPrincipalName == null
            || (enrollment.UserPrincipalName != null
                && UserPrincipalName.Any(u => WildcardPattern.Get(u, WildcardOptions.IgnoreCase).IsMatch(enrollment.UserPrincipalName)));
    }

    private static BulkEnrollException RequiresWindows()
    {
        string system = RuntimeInformation.OSDescription.Trim();
        var reason = new PlatformNotSupportedException($"The Windows registry is not available on {system}.");
        return new BulkEnrollException(RequiresWindowsErrorId, ErrorCategory.NotImplemented,
            $"Get-BulkEnrollLocalEnrollment reads the MDM enrollments Windows records in its registry "
            + $"({EnrollmentRegistryPaths.Display(EnrollmentRegistryPaths.Enrollments)}); this computer runs {system}.",
            null, reason)
        {
            RecommendedAction = "Run it on the Windows PC itself, e.g. in an Intune remediation or a GPO startup script. "
                + "To see enrolled devices from anywhere, use Get-BulkEnrolledDevice.",
        };
    }
}
