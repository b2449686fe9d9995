using BulkEnroll.LocalEnrollment;
using Xunit;

namespace BulkEnroll.Tests.LocalEnrollment;

public sealed class IvantiEnrollmentHeuristicTests
{
    [Theory]
    [InlineData("https://login.mobileiron.com/EnrollmentServer/Discovery.svc", true)]
    [InlineData("https://login.mobileiron.com", true)]
    [InlineData("login.mobileiron.com", true)] // the bare host Ivanti tells admins to type
    [InlineData("https://NA1.MobileIron.com/", true)]
    [InlineData("https://mobileiron.com", true)]
    [InlineData("https://eu1.mobileiron.com.:443/x", true)]
    [InlineData("https://leo.ivanti.com/EnrollmentServer/Discovery.svc", true)]
    [InlineData("https://enrollment.manage.microsoft.com/enrollmentserver/discovery.svc", false)]
    [InlineData("https://evilmobileiron.com", false)]
    [InlineData("https://login.mobileiron.com.attacker.example", false)]
    [InlineData("https://example.com/?next=login.mobileiron.com", false)]
    [InlineData("not a url at all", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void RecognisesIvantiHostsInTheDiscoveryUrl(string? discoveryUrl, bool expected)
        => Assert.Equal(expected, IvantiEnrollmentHeuristic.LooksLikeIvanti(discoveryUrl, null, null));

    [Fact]
    public void TheServerAddressAloneIsEnough()
        => Assert.True(IvantiEnrollmentHeuristic.LooksLikeIvanti(null, "https://na2.mobileiron.com/omadm", null));

    [Theory]
    [InlineData("MobileIron", true)]
    [InlineData("Ivanti Neurons for MDM", true)]
    [InlineData("MS DM Server", false)]
    [InlineData("Fleet", false)]
    [InlineData(null, false)]
    public void AProviderIdNamingTheVendorIsEnough(string? providerId, bool expected)
        => Assert.Equal(expected, IvantiEnrollmentHeuristic.LooksLikeIvanti("https://mdm.contoso.com/EnrollmentServer/Discovery.svc", null, providerId));
}
