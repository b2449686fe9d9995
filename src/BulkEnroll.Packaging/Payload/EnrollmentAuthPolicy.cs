namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Workplace › Enrollments AuthPolicy. The numbers are the settings store's enum keys, which the runtime
/// provxml carries; customizations.xml carries the names.
/// </summary>
internal enum EnrollmentAuthPolicy
{
    OnPremise = 0,
    Certificate = 2,
}
