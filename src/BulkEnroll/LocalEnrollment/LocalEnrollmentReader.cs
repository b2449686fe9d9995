using System;
using System.Collections.Generic;
using System.Management.Automation;
using BulkEnroll.Platform;

namespace BulkEnroll.LocalEnrollment;

/// <summary>
/// Reads every enrollment Windows recorded under HKLM\SOFTWARE\Microsoft\Enrollments, MDM or not; the cmdlet filters.
/// Only GUID-named subkeys are enrollments: the others (Context, Ownership, Status, ValidNodePaths...) are
/// Windows' own bookkeeping and are never returned.
/// </summary>
internal sealed class LocalEnrollmentReader
{
    internal const string UnreadableErrorId = "LocalEnrollmentUnreadable";

    private readonly IRegistryView _registry;
    private readonly Action<string> _verbose;
    private readonly Action<BulkEnrollException> _problem;

    /// <param name="registry">The machine's registry, or a stand-in.</param>
    /// <param name="verbose">What was read and why an entry is what it is; never a secret (there are none here).</param>
    /// <param name="problem">One enrollment that could not be read; the others are still returned.</param>
    public LocalEnrollmentReader(IRegistryView registry, Action<string> verbose, Action<BulkEnrollException> problem)
    {
        _registry = registry;
        _verbose = verbose;
        _problem = problem;
    }

    /// <exception cref="BulkEnrollException">The Enrollments key itself cannot be read (LocalEnrollmentUnreadable).</exception>
    public IReadOnlyList<LocalMdmEnrollment> ReadAll()
    {
        string rootPath = EnrollmentRegistryPaths.Display(EnrollmentRegistryPaths.Enrollments);
        var enrollments = new List<LocalMdmEnrollment>();
        IReadOnlyList<string> names;
        try
        {
            using IRegistryKeyView? root = _registry.OpenSubKey(EnrollmentRegistryPaths.Enrollments);
            if (root == null)
            {
                _verbose($"{rootPath} does not exist: this PC has never been enrolled in an MDM service.");
                return enrollments;
            }

            names = root.GetSubKeyNames();
        }
        catch (Exception e) when (RegistryViewReads.IsAccessProblem(e))
        {
            throw new BulkEnrollException(UnreadableErrorId, ErrorCategory.PermissionDenied,
                $"Cannot read {rootPath}: {e.Message}", rootPath, e)
            {
                RecommendedAction = "Run as SYSTEM or an administrator (Intune remediations and GPO startup scripts do).",
            };
        }

        _verbose($"Reading {rootPath} (64-bit view): {names.Count} subkey(s).");
        foreach (string name in names)
        {
            if (!Guid.TryParse(name, out _))
            {
                _verbose($"Skipping '{name}': Windows bookkeeping, not an enrollment (its name is not a GUID).");
                continue;
            }

            LocalMdmEnrollment? enrollment = ReadOne(name);
            if (enrollment != null)
            {
                enrollments.Add(enrollment);
            }
        }

        return enrollments;
    }

    private LocalMdmEnrollment? ReadOne(string id)
    {
        string path = EnrollmentRegistryPaths.Enrollments + "\\" + id;
        var enrollment = new LocalMdmEnrollment { EnrollmentId = id };
        try
        {
            using IRegistryKeyView? key = _registry.OpenSubKey(path);
            if (key == null)
            {
                // Removed between listing and opening (an unenrollment in progress): nothing to report.
                return null;
            }

            enrollment.UserPrincipalName = Text(key, id, EnrollmentRegistryPaths.UpnValue);
            enrollment.DiscoveryServiceUrl = Text(key, id, EnrollmentRegistryPaths.DiscoveryUrlValue);
            enrollment.ProviderId = Text(key, id, EnrollmentRegistryPaths.ProviderIdValue);
            enrollment.AadTenantId = Text(key, id, EnrollmentRegistryPaths.AadTenantIdValue);
            enrollment.EnrollmentTypeNumber = Number(key, id, EnrollmentRegistryPaths.EnrollmentTypeValue);
            enrollment.EnrollmentState = Number(key, id, EnrollmentRegistryPaths.EnrollmentStateValue);
        }
        catch (Exception e) when (RegistryViewReads.IsAccessProblem(e))
        {
            string display = EnrollmentRegistryPaths.Display(path);
            _problem(new BulkEnrollException(UnreadableErrorId, ErrorCategory.ReadError, $"Cannot read {display}: {e.Message}", id, e)
            {
                RecommendedAction = "Run as SYSTEM or an administrator.",
            });
            return null;
        }

        // Only an MDM enrollment has an OMA-DM account whose server address is worth reading.
        if (enrollment.IsMdm)
        {
            enrollment.ServerAddress = ServerAddress(id);
        }

        // Interpreted here, not in the output type, so the public type stays plain data.
        enrollment.EnrollmentType = EnrollmentTypeNames.For(enrollment.EnrollmentTypeNumber);
        enrollment.IsIvanti = IvantiEnrollmentHeuristic.LooksLikeIvanti(enrollment.DiscoveryServiceUrl, enrollment.ServerAddress, enrollment.ProviderId);

        _verbose(Describe(enrollment));
        return enrollment;
    }

    private string? ServerAddress(string id)
    {
        string path = EnrollmentRegistryPaths.OmaDmAccounts + "\\" + id + "\\" + EnrollmentRegistryPaths.AddressInfo;
        try
        {
            using IRegistryKeyView? key = _registry.OpenSubKey(path);
            return key == null ? null : Text(key, id, EnrollmentRegistryPaths.ServerAddressValue);
        }
        catch (Exception e) when (RegistryViewReads.IsAccessProblem(e))
        {
            // Optional detail: the rest of the enrollment is still worth returning.
            _verbose($"Enrollment {id}: the server address in {EnrollmentRegistryPaths.Display(path)} is not readable by this account ({e.Message}).");
            return null;
        }
    }

    private string? Text(IRegistryKeyView key, string id, string valueName)
    {
        object? raw = key.GetValue(valueName);
        string? text = RegistryValues.AsText(raw);
        // A blank REG_SZ or REG_MULTI_SZ is simply absent; only a value of another type is worth a word.
        if (raw != null && text == null && !(raw is string || raw is string[]))
        {
            _verbose($"Enrollment {id}: {valueName} is {RegistryValues.TypeName(raw)}, not text; ignored.");
        }

        return text;
    }

    private int? Number(IRegistryKeyView key, string id, string valueName)
    {
        object? raw = key.GetValue(valueName);
        int? number = RegistryValues.AsNumber(raw);
        if (raw != null && number == null)
        {
            _verbose($"Enrollment {id}: {valueName} is {RegistryValues.TypeName(raw)} and not a number; ignored.");
        }

        return number;
    }

    private static string Describe(LocalMdmEnrollment e)
    {
        if (!e.IsMdm)
        {
            return $"Enrollment {e.EnrollmentId}: not an MDM enrollment (no ProviderID, no discovery URL); type {Show(e.EnrollmentTypeNumber)}.";
        }

        string user = e.UserPrincipalName == null ? "no UPN" : e.UserPrincipalName + (e.IsGenericUser ? " (generic user)" : string.Empty);
        string state = e.IsEnrolled ? "enrolled" : $"not enrolled (state {Show(e.EnrollmentState)})";
        string vendor = e.IsIvanti ? "looks like Ivanti" : $"provider {e.ProviderId ?? "unknown"}";
        return $"Enrollment {e.EnrollmentId}: MDM, {user}, {state}, type {Show(e.EnrollmentTypeNumber)}, {vendor}, discovery {e.DiscoveryServiceUrl ?? "none"}.";
    }

    private static string Show(int? number) => number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
