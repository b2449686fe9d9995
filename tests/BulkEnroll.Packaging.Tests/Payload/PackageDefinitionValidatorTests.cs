using System;
using System.Linq;
using BulkEnroll.Packaging.Payload;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Payload;

public class PackageDefinitionValidatorTests
{
    private static string[] Ids(PackageDefinition definition, bool allowHttpLoopback = false) =>
        PackageDefinitionValidator.Validate(definition, new PackageValidationOptions(allowHttpLoopback))
            .Select(p => p.Id).ToArray();

    [Fact]
    public void The_full_sample_is_valid()
    {
        Assert.Empty(Ids(Samples.Full()));
    }

    [Fact]
    public void No_wifi_is_only_a_warning()
    {
        PackageProblem problem = PackageDefinitionValidator.Validate(Samples.Minimal()).Single();

        Assert.Equal(PackageProblemIds.NoNetwork, problem.Id);
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
    }

    [Fact]
    public void HideOobe_without_a_local_account_is_an_error()
    {
        PackageDefinition definition = Samples.Full();
        definition.LocalAccount = null;

        PackageProblem problem = PackageDefinitionValidator.Validate(definition).Single();
        Assert.Equal(PackageProblemIds.HideOobeWithoutAccount, problem.Id);
        Assert.True(problem.IsError);
    }

    [Theory]
    [InlineData("windows-bulkenroll-paris@contoso.com", "")]
    [InlineData("Windows-BulkEnroll@contoso.co.uk", "")]
    [InlineData("windows-bulkenroll.site_1@sub.contoso.com", "")]
    [InlineData("paris@contoso.com", "UpnNotBulkEnroll")]
    [InlineData("bulkenroll-windows@contoso.com", "UpnNotBulkEnroll")]
    [InlineData("windows-bulkenroll-paris", "UpnMalformed")]
    [InlineData("windows-bulkenroll@contoso", "UpnMalformed")]
    [InlineData("windows-bulkenroll@@contoso.com", "UpnMalformed")]
    [InlineData("windows-bulkenroll a@contoso.com", "UpnMalformed")]
    [InlineData("windows-bulkenroll/x@contoso.com", "UpnMalformed")]
    [InlineData("windows-bulkenroll@-contoso.com", "UpnMalformed")]
    [InlineData("", "UpnMalformed,UpnNotBulkEnroll")]
    public void Upn_must_be_a_bulk_enroll_user(string upn, string expected)
    {
        PackageDefinition definition = Samples.Full();
        definition.Enrollment!.Upn = upn;

        Assert.Equal(expected.Length == 0 ? Array.Empty<string>() : expected.Split(','), Ids(definition));
    }

    [Theory]
    [InlineData("https://login.mobileiron.com", false, "")]
    [InlineData("https://na1.mobileiron.com/EnrollmentServer/Discovery.svc", false, "")]
    [InlineData("http://login.mobileiron.com", false, "DiscoveryUrlNotHttps")]
    [InlineData("http://127.0.0.1:5080/EnrollmentServer/Discovery.svc", false, "DiscoveryUrlNotHttps")]
    [InlineData("http://127.0.0.1:5080/EnrollmentServer/Discovery.svc", true, "")]
    [InlineData("http://localhost:5080/EnrollmentServer/Discovery.svc", true, "")]
    [InlineData("http://[::1]:5080/EnrollmentServer/Discovery.svc", true, "")]
    [InlineData("http://login.mobileiron.com", true, "DiscoveryUrlNotHttps")]
    [InlineData("login.mobileiron.com", false, "DiscoveryUrlMalformed")]
    [InlineData("/EnrollmentServer/Discovery.svc", false, "DiscoveryUrlMalformed")]
    [InlineData("ftp://login.mobileiron.com", false, "DiscoveryUrlMalformed")]
    [InlineData("https://user:pw@login.mobileiron.com", false, "DiscoveryUrlMalformed")]
    [InlineData("https://login.mobile iron.com", false, "DiscoveryUrlMalformed")]
    [InlineData("", false, "DiscoveryUrlMalformed")]
    public void Discovery_url_must_be_absolute_https(string url, bool allowHttpLoopback, string expected)
    {
        PackageDefinition definition = Samples.Full();
        definition.Enrollment!.DiscoveryServiceFullUrl = url;

        Assert.Equal(expected.Length == 0 ? Array.Empty<string>() : new[] { expected }, Ids(definition, allowHttpLoopback));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/EnrollmentServer/Discovery.svc", true)]
    [InlineData("http://localhost:5080/EnrollmentServer/Discovery.svc", true)]
    [InlineData("http://[::1]:5080/EnrollmentServer/Discovery.svc", true)]
    [InlineData("http://login.mobileiron.com", false)]
    [InlineData("https://127.0.0.1:5081/EnrollmentServer/Discovery.svc", false)]
    [InlineData("https://login.mobileiron.com", false)]
    [InlineData("not a url", false)]
    [InlineData(null, false)]
    public void Only_plain_http_to_this_machine_gets_the_sandbox_notice(string? url, bool noticed)
    {
        string? notice = PackageDefinitionValidator.LoopbackHttpNotice(url);

        Assert.Equal(noticed, notice != null);
        if (noticed)
        {
            Assert.Contains(url!, notice);
        }
    }

    [Fact]
    public void Optional_service_urls_are_checked_too()
    {
        PackageDefinition definition = Samples.Full();
        definition.Enrollment!.PolicyServiceFullUrl = "http://mdm.contoso.com/policy";
        definition.Enrollment.EnrollmentServiceFullUrl = "not a url";

        Assert.Equal(new[] { "PolicyUrlNotHttps", "EnrollmentUrlMalformed" }, Ids(definition));
    }

    [Fact]
    public void Enrollment_is_required_with_a_secret()
    {
        PackageDefinition definition = Samples.Full();
        definition.Enrollment!.Secret = Samples.Secure(string.Empty);
        Assert.Equal(new[] { "EnrollmentSecretMissing" }, Ids(definition));

        definition.Enrollment = null;
        Assert.Equal(new[] { "EnrollmentMissing" }, Ids(definition));
    }

    [Fact]
    public void Certificate_auth_policy_is_a_warning()
    {
        PackageDefinition definition = Samples.Full();
        definition.Enrollment!.AuthPolicy = EnrollmentAuthPolicy.Certificate;

        PackageProblem problem = PackageDefinitionValidator.Validate(definition).Single();
        Assert.Equal(PackageProblemIds.AuthPolicyNotOnPremise, problem.Id);
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
    }

    [Theory]
    [InlineData("12345678", "")]
    [InlineData("correct horse battery staple", "")]
    [InlineData("~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./", "")]
    [InlineData("0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef", "")]
    [InlineData("1234567", "WifiKeyInvalid")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg", "WifiKeyInvalid")]
    [InlineData("mot de passe très long", "WifiKeyInvalid")]
    [InlineData("", "WifiKeyMissing")]
    public void Wpa2_key_must_be_a_passphrase_or_a_raw_key(string key, string expected)
    {
        PackageDefinition definition = Samples.Full();
        definition.Wifi!.Key = Samples.Secure(key);

        Assert.Equal(expected.Length == 0 ? Array.Empty<string>() : new[] { expected }, Ids(definition));
    }

    [Fact]
    public void Wpa2_without_any_key_is_an_error_and_open_with_a_key_a_warning()
    {
        PackageDefinition definition = Samples.Full();
        definition.Wifi!.Key = null;
        Assert.Equal(new[] { "WifiKeyMissing" }, Ids(definition));

        definition.Wifi = new WifiDefinition("Guest", WifiSecurity.Open, Samples.Secure("whatever1"));
        PackageProblem problem = PackageDefinitionValidator.Validate(definition).Single();
        Assert.Equal(PackageProblemIds.WifiKeyIgnored, problem.Id);
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
    }

    [Theory]
    [InlineData("Corp", "")]
    [InlineData("12345678901234567890123456789012", "")]
    [InlineData("Café-Wi-Fi ☕ 2.4 GHz", "")]
    [InlineData("123456789012345678901234567890123", "SsidInvalid")]
    [InlineData("ééééééééééééééééé", "SsidInvalid")]
    [InlineData("", "SsidInvalid")]
    [InlineData("a/b", "SsidInvalid")]
    [InlineData("tab\there", "SsidInvalid")]
    public void Ssid_is_1_to_32_bytes(string ssid, string expected)
    {
        PackageDefinition definition = Samples.Full();
        definition.Wifi!.Ssid = ssid;

        Assert.Equal(expected.Length == 0 ? Array.Empty<string>() : new[] { expected }, Ids(definition));
    }

    [Theory]
    [InlineData("localadmin", "")]
    [InlineData("IT Support", "")]
    [InlineData("admin.local", "")]
    [InlineData("abcdefghijklmnopqrst", "")]
    [InlineData("abcdefghijklmnopqrstu", "LocalAccountNameInvalid")]
    [InlineData("", "LocalAccountNameInvalid")]
    [InlineData("...", "LocalAccountNameInvalid")]
    [InlineData(" admin", "LocalAccountNameInvalid")]
    [InlineData("dom\\admin", "LocalAccountNameInvalid")]
    [InlineData("admin@x", "LocalAccountNameInvalid")]
    [InlineData("a*b", "LocalAccountNameInvalid")]
    public void Local_account_name_follows_windows_rules(string userName, string expected)
    {
        PackageDefinition definition = Samples.Full();
        definition.LocalAccount!.UserName = userName;

        Assert.Equal(expected.Length == 0 ? Array.Empty<string>() : new[] { expected }, Ids(definition));
    }

    [Fact]
    public void Local_account_needs_a_password_without_control_characters()
    {
        PackageDefinition definition = Samples.Full();
        definition.LocalAccount!.Password = Samples.Secure(string.Empty);
        Assert.Equal(new[] { "LocalAccountPasswordMissing" }, Ids(definition));

        definition.LocalAccount.Password = Samples.Secure("line1\nline2");
        PackageProblem problem = PackageDefinitionValidator.Validate(definition).Single();
        Assert.Equal(PackageProblemIds.LocalAccountPasswordInvalid, problem.Id);
        Assert.DoesNotContain("line1", problem.Message);
    }

    [Theory]
    [InlineData("1.0", "")]
    [InlineData("1.00", "")]
    [InlineData("20221006.6", "")]
    [InlineData("1.2.3.4", "")]
    [InlineData("1", "VersionInvalid")]
    [InlineData("1.2.3", "VersionInvalid")]
    [InlineData("1.2.3.4.5", "VersionInvalid")]
    [InlineData("v1.0", "VersionInvalid")]
    [InlineData("1.0 ", "VersionInvalid")]
    [InlineData("", "VersionInvalid")]
    public void Version_is_N_N_or_N_N_N_N(string version, string expected)
    {
        PackageDefinition definition = Samples.Full();
        definition.Version = version;

        Assert.Equal(expected.Length == 0 ? Array.Empty<string>() : new[] { expected }, Ids(definition));
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(99, "")]
    [InlineData(-1, "RankOutOfRange")]
    [InlineData(100, "RankOutOfRange")]
    public void Rank_is_0_to_99(int rank, string expected)
    {
        PackageDefinition definition = Samples.Full();
        definition.Rank = rank;

        Assert.Equal(expected.Length == 0 ? Array.Empty<string>() : new[] { expected }, Ids(definition));
    }

    [Theory]
    [InlineData("Paris bulk enroll", "")]
    [InlineData("", "NameInvalid")]
    [InlineData(" padded", "NameInvalid")]
    [InlineData("a/b", "NameInvalid")]
    [InlineData("what?", "NameInvalid")]
    public void Name_is_usable_as_a_file_name(string name, string expected)
    {
        PackageDefinition definition = Samples.Full();
        definition.Name = name;

        Assert.Equal(expected.Length == 0 ? Array.Empty<string>() : new[] { expected }, Ids(definition));
    }

    [Fact]
    public void Package_id_must_not_be_empty_and_owner_type_must_be_known()
    {
        PackageDefinition definition = Samples.Full();
        definition.PackageId = Guid.Empty;
        definition.OwnerType = (PackageOwnerType)42;

        Assert.Equal(new[] { "PackageIdEmpty", "OwnerTypeInvalid" }, Ids(definition));
    }

    [Fact]
    public void No_message_ever_contains_a_secret()
    {
        PackageDefinition definition = Samples.Full();
        definition.LocalAccount!.Password = Samples.Secure("Zq9Alpha\u0001");
        definition.Wifi!.Key = Samples.Secure("Zq9Beta\u00e9\u00e9");
        definition.Enrollment!.Secret = Samples.Secure("Zq9Gamma\u0002");

        var problems = PackageDefinitionValidator.Validate(definition);

        Assert.Equal(new[] { "LocalAccountPasswordInvalid", "WifiKeyInvalid", "EnrollmentSecretInvalid" }, problems.Select(p => p.Id));
        Assert.All(problems, p => Assert.DoesNotContain("Zq9", p.Message + p.ToString()));
    }
}
