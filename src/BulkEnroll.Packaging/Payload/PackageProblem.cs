namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// One finding about a <see cref="PackageDefinition"/>. <see cref="Id"/> is stable (scripts and tests match it);
/// <see cref="Message"/> is for people and never contains a secret.
/// </summary>
internal sealed class PackageProblem
{
    public PackageProblem(string id, ProblemSeverity severity, string message)
    {
        Id = id;
        Severity = severity;
        Message = message;
    }

    public string Id { get; }

    public ProblemSeverity Severity { get; }

    public string Message { get; }

    public bool IsError => Severity == ProblemSeverity.Error;

    public override string ToString() => $"{Severity} {Id}: {Message}";
}
