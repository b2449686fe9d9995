using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using BulkEnroll.LocalEnrollment;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.LocalEnrollment;

public sealed class LocalEnrollmentReaderTests
{
    private readonly List<string> _verbose = new();
    private readonly List<BulkEnrollException> _problems = new();

    private IReadOnlyList<LocalMdmEnrollment> Read(InMemoryRegistry registry)
        => new LocalEnrollmentReader(registry, _verbose.Add, _problems.Add).ReadAll();

    [Fact]
    public void ReadsAnIvantiBulkEnrollmentUnderTheGenericUser()
    {
        LocalMdmEnrollment e = Read(Machines.BulkEnrolledPc()).Single(x => x.EnrollmentId == Machines.IvantiId);

        Assert.Equal(Machines.GenericUpn, e.UserPrincipalName);
        Assert.True(e.IsGenericUser);
        Assert.Equal(Machines.IvantiDiscovery, e.DiscoveryServiceUrl);
        Assert.Equal("EnterpriseMDM", e.ProviderId);
        Assert.Equal(6, e.EnrollmentTypeNumber);
        Assert.Equal("MdmEnrolled", e.EnrollmentType);
        Assert.Equal(1, e.EnrollmentState);
        Assert.True(e.IsEnrolled);
        Assert.True(e.IsMdm);
        Assert.True(e.IsIvanti);
        Assert.Equal(Machines.IvantiServer, e.ServerAddress);
        Assert.Null(e.AadTenantId);
        Assert.Equal(Machines.GenericUpn, e.ToString());
        Assert.Empty(_problems);
    }

    [Fact]
    public void OnlyGuidNamedKeysAreEnrollmentsAndWindowsBookkeepingIsSkipped()
    {
        var all = Read(Machines.BulkEnrolledPc());

        Assert.Equal(new[] { Machines.PlaceholderId, Machines.IvantiId, Machines.DeviceRegistrationId }.OrderBy(x => x), all.Select(e => e.EnrollmentId).OrderBy(x => x));
        Assert.Contains(_verbose, v => v.Contains("'Status'") && v.Contains("not a GUID"));
        Assert.Contains(_verbose, v => v.Contains("'ValidNodePaths'"));
    }

    [Fact]
    public void TheAllFPlaceholderAndADeviceRegistrationAreNotMdm()
    {
        var all = Read(Machines.BulkEnrolledPc());

        LocalMdmEnrollment placeholder = all.Single(e => e.EnrollmentId == Machines.PlaceholderId);
        Assert.False(placeholder.IsMdm);
        Assert.Equal(0, placeholder.EnrollmentTypeNumber);
        Assert.Equal("Other", placeholder.EnrollmentType);
        Assert.Null(placeholder.UserPrincipalName);
        Assert.Equal(Machines.PlaceholderId, placeholder.ToString());

        LocalMdmEnrollment registration = all.Single(e => e.EnrollmentId == Machines.DeviceRegistrationId);
        Assert.False(registration.IsMdm);
        Assert.False(registration.IsIvanti);
        Assert.Null(registration.ServerAddress);
        Assert.Contains(_verbose, v => v.Contains(Machines.DeviceRegistrationId) && v.Contains("not an MDM enrollment"));
    }

    [Fact]
    public void AnIntuneUserEnrollmentIsMdmButNotIvantiAndTheAzureAdJoinRecordIsNotMdm()
    {
        var all = Read(Machines.IntunePc());

        LocalMdmEnrollment intune = all.Single(e => e.EnrollmentId == Machines.IntuneId);
        Assert.True(intune.IsMdm);
        Assert.True(intune.IsEnrolled);
        Assert.False(intune.IsIvanti);
        Assert.False(intune.IsGenericUser);
        Assert.Equal("MS DM Server", intune.ProviderId);
        Assert.Equal(Machines.TenantId, intune.AadTenantId);
        Assert.Equal(Machines.IntuneServer, intune.ServerAddress);

        LocalMdmEnrollment join = all.Single(e => e.EnrollmentId == Machines.AadJoinId);
        Assert.False(join.IsMdm);
        Assert.Equal(13, join.EnrollmentTypeNumber);
        Assert.Equal("AzureADJoined", join.EnrollmentType);
        Assert.Equal(Machines.RealUpn, join.UserPrincipalName);
        Assert.Null(join.ServerAddress);
    }

    [Fact]
    public void ValuesOfUnexpectedTypesAreNormalisedOrIgnoredWithAReason()
    {
        const string id = "ABCDEF01-2345-4678-9ABC-DEF012345678";
        var registry = new InMemoryRegistry().Key(Machines.Enrollments + @"\" + id,
            ("UPN", new[] { "", "  windows-bulkenroll-lab@contoso.com  " }), // REG_MULTI_SZ
            ("DiscoveryServiceFullURL", "https://login.mobileiron.com\0"),   // trailing NUL from a careless writer
            ("ProviderID", new byte[] { 1, 2, 3 }),                          // REG_BINARY
            ("EnrollmentType", "6"),                                         // REG_SZ number
            ("EnrollmentState", 1L),                                         // REG_QWORD
            ("AADTenantID", 42));                                            // REG_DWORD where text is expected

        LocalMdmEnrollment e = Read(registry).Single();

        Assert.Equal("windows-bulkenroll-lab@contoso.com", e.UserPrincipalName);
        Assert.True(e.IsGenericUser);
        Assert.Equal("https://login.mobileiron.com", e.DiscoveryServiceUrl);
        Assert.Null(e.ProviderId);
        Assert.Null(e.AadTenantId);
        Assert.Equal(6, e.EnrollmentTypeNumber);
        Assert.True(e.IsEnrolled);
        Assert.True(e.IsMdm);
        Assert.True(e.IsIvanti);
        Assert.Contains(_verbose, v => v.Contains("ProviderID is REG_BINARY"));
        Assert.Contains(_verbose, v => v.Contains("AADTenantID is REG_DWORD"));
        Assert.Empty(_problems);
    }

    [Fact]
    public void MissingValuesReadAsAbsent()
    {
        const string id = "0A0A0A0A-0B0B-4C0C-8D0D-0E0E0E0E0E0E";
        var registry = new InMemoryRegistry().Key(Machines.Enrollments + @"\" + id, ("ProviderID", "EnterpriseMDM"), ("EnrollmentState", "not a number"));

        LocalMdmEnrollment e = Read(registry).Single();

        Assert.True(e.IsMdm);
        Assert.Null(e.UserPrincipalName);
        Assert.False(e.IsGenericUser);
        Assert.Null(e.DiscoveryServiceUrl);
        Assert.Null(e.EnrollmentTypeNumber);
        Assert.Null(e.EnrollmentType);
        Assert.Null(e.EnrollmentState);
        Assert.False(e.IsEnrolled);
        Assert.Null(e.ServerAddress);
        Assert.False(e.IsIvanti);
        Assert.Equal(id, e.ToString());
        Assert.Contains(_verbose, v => v.Contains("EnrollmentState is REG_SZ and not a number"));
    }

    [Fact]
    public void ABlankMultiStringReadsAsAbsentLikeABlankString()
    {
        const string id = "0B0B0B0B-0C0C-4D0D-8E0E-0F0F0F0F0F0F";
        var registry = new InMemoryRegistry().Key(Machines.Enrollments + @"\" + id, ("ProviderID", "EnterpriseMDM"), ("UPN", new[] { "", "  " }), ("AADTenantID", " "));

        LocalMdmEnrollment e = Read(registry).Single();

        Assert.Null(e.UserPrincipalName);
        Assert.Null(e.AadTenantId);
        Assert.DoesNotContain(_verbose, v => v.Contains("not text", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public void AGenericEnrollmentWhoseStateIsNotOneIsNotEnrolled(int state)
    {
        LocalMdmEnrollment e = Read(new InMemoryRegistry().IvantiBulkEnrollment(state)).Single();

        Assert.True(e.IsMdm);
        Assert.True(e.IsGenericUser);
        Assert.False(e.IsEnrolled);
        Assert.Equal(state, e.EnrollmentState);
    }

    [Fact]
    public void AnUnreadableEnrollmentIsReportedAndTheOthersAreStillRead()
    {
        var registry = Machines.MixedPc().Deny(Machines.Enrollments + @"\" + Machines.IntuneId);

        var all = Read(registry);

        Assert.Contains(all, e => e.EnrollmentId == Machines.IvantiId);
        Assert.DoesNotContain(all, e => e.EnrollmentId == Machines.IntuneId);
        BulkEnrollException problem = Assert.Single(_problems);
        Assert.Equal("LocalEnrollmentUnreadable", problem.ErrorId);
        Assert.Equal(ErrorCategory.ReadError, problem.Category);
        Assert.Equal(Machines.IntuneId, problem.TargetObject);
        Assert.Contains(Machines.IntuneId, problem.Message);
    }

    [Fact]
    public void AnUnreadableEnrollmentsKeyFailsAsAWhole()
    {
        var registry = Machines.BulkEnrolledPc().Deny(Machines.Enrollments);

        var failure = Assert.Throws<BulkEnrollException>(() => Read(registry));

        Assert.Equal("LocalEnrollmentUnreadable", failure.ErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, failure.Category);
        Assert.Contains(@"HKLM\SOFTWARE\Microsoft\Enrollments", failure.Message);
        Assert.NotNull(failure.RecommendedAction);
    }

    [Fact]
    public void AnUnreadableServerAddressLeavesItOutAndSaysWhy()
    {
        var registry = Machines.BulkEnrolledPc().Deny(Machines.Accounts + @"\" + Machines.IvantiId + @"\Protected");

        LocalMdmEnrollment e = Read(registry).Single(x => x.EnrollmentId == Machines.IvantiId);

        Assert.Null(e.ServerAddress);
        Assert.True(e.IsIvanti); // the discovery host is enough
        Assert.Empty(_problems);
        Assert.Contains(_verbose, v => v.Contains("server address") && v.Contains("not readable"));
    }

    [Fact]
    public void NoEnrollmentsKeyMeansNeverEnrolled()
    {
        Assert.Empty(Read(Machines.EmptyRegistry()));
        Assert.Contains(_verbose, v => v.Contains("does not exist"));
        Assert.Empty(_problems);
    }

    [Fact]
    public void TheServerAddressIsReadOnlyForMdmEnrollments()
    {
        // A non-MDM entry with a stray OMA-DM account: nothing is read for it.
        var registry = new InMemoryRegistry().DeviceRegistration()
            .Key(Machines.Accounts + @"\" + Machines.DeviceRegistrationId + @"\Protected\AddrInfo", ("Addr", "https://na1.mobileiron.com/x"));

        LocalMdmEnrollment e = Read(registry).Single();

        Assert.Null(e.ServerAddress);
        Assert.False(e.IsIvanti);
    }

    [Fact]
    public void VerboseTellsWhatEachEnrollmentIs()
    {
        Read(Machines.MixedPc());

        Assert.Contains(_verbose, v => v.StartsWith(@"Reading HKLM\SOFTWARE\Microsoft\Enrollments (64-bit view)", StringComparison.Ordinal));
        Assert.Contains(_verbose, v => v.Contains(Machines.IvantiId) && v.Contains(Machines.GenericUpn + " (generic user)") && v.Contains("looks like Ivanti") && v.Contains("enrolled"));
        Assert.Contains(_verbose, v => v.Contains(Machines.IntuneId) && v.Contains("provider MS DM Server"));
    }
}
