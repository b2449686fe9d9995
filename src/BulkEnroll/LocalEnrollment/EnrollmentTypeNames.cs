namespace BulkEnroll.LocalEnrollment;

/// <summary>
/// Names for the EnrollmentType numbers Windows writes under each enrollment. Microsoft does not document this
/// value; the names below are the meanings public admin scripts agree on (6: an MDM enrollment, 13: the Azure AD
/// join record). Every other number, including what a provisioning-package (bulk) enrollment records, is reported
/// as "Other" with its number, and nothing in the module decides on the type.
/// </summary>
internal static class EnrollmentTypeNames
{
    public const string Mdm = "MdmEnrolled";
    public const string AzureAdJoined = "AzureADJoined";
    public const string Other = "Other";

    public static string? For(int? number) => number switch
    {
        null => null,
        6 => Mdm,
        13 => AzureAdJoined,
        _ => Other,
    };
}
