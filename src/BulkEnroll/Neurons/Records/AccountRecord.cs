namespace BulkEnroll.Neurons.Records;

/// <summary>An account (user) as <c>GET /api/v1/account</c> returns it; only the fields the module reads.</summary>
internal sealed class AccountRecord
{
    public long Id { get; set; }

    public string? Uid { get; set; }

    public string? EmailAddress { get; set; }

    public string? DisplayName { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? AccountSource { get; set; }

    public string? AccountType { get; set; }

    public bool? Enabled { get; set; }

    public bool? Locked { get; set; }

    public long? CreatedAt { get; set; }

    public long? ModifiedAt { get; set; }

    /// <summary>The UPN the module matches on: the uid, or the email address when the uid is empty.</summary>
    public string PrincipalName => !string.IsNullOrEmpty(Uid) ? Uid! : EmailAddress ?? string.Empty;
}
