using System.Security;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Secrets;
using BulkEnroll.Packaging.Tests.Payload;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Secrets;

public class SecretTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("p@ss w0rd")]
    [InlineData("Ünïcødé 😀")]
    public void Protect_and_reveal_round_trip(string plain)
    {
        SecureString secret = SecretText.Protect(plain);

        Assert.True(secret.IsReadOnly());
        Assert.Equal(plain, SecretText.Reveal(secret));
    }

    [Fact]
    public void Definitions_never_show_secrets_in_their_text()
    {
        PackageDefinition definition = Samples.Full();

        string shown = definition + " " + definition.LocalAccount + " " + definition.Wifi + " " + definition.Enrollment;

        Assert.DoesNotContain(Samples.AdminPassword, shown);
        Assert.DoesNotContain(Samples.WifiKey, shown);
        Assert.DoesNotContain(Samples.EnrollSecret, shown);
    }
}
