namespace BulkEnroll.Tests;
public class Smoke { [Xunit.Fact] public void Builds() { } }
