namespace BulkEnroll.Tests.BadInput;

/// <summary>
/// One malformed input: the PowerShell an admin might type (variables $D_* are filled in by the suite with
/// real ids from the sandbox, $Work is a scratch folder) and the stable error id it must produce.
/// </summary>
public sealed record BadInputCase(string Name, string Script, string ErrorId)
{
    public override string ToString() => Name;
}
