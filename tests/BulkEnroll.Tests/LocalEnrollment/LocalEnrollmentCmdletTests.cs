using System;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using BulkEnroll.Commands;
using BulkEnroll.LocalEnrollment;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.LocalEnrollment;

[Collection(LocalEnrollmentSourcesCollection.Name)]
public sealed class LocalEnrollmentCmdletTests : IDisposable
{
    private readonly PowerShellSession _shell = new();
    private FakeMachine? _machine;

    public void Dispose()
    {
        _machine?.Dispose();
        LocalEnrollmentSources.Reset();
        _shell.Dispose();
    }

    private ScriptResult RunOn(InMemoryRegistry registry, string script)
    {
        _machine?.Dispose();
        _machine = FakeMachine.Windows(registry);
        return _shell.Run(script);
    }

    [Fact]
    public void ReturnsTheMdmEnrollmentsAsTypedObjects()
    {
        var result = RunOn(Machines.MixedPc(), "Get-BulkEnrollLocalEnrollment").ThrowIfErrors();

        var enrollments = result.All<LocalMdmEnrollment>();
        Assert.Equal(result.Output.Count, enrollments.Count);
        Assert.Equal(new[] { Machines.IntuneId, Machines.IvantiId }.OrderBy(x => x), enrollments.Select(e => e.EnrollmentId).OrderBy(x => x));
        LocalMdmEnrollment ivanti = enrollments.Single(e => e.IsIvanti);
        Assert.Equal(Machines.GenericUpn, ivanti.UserPrincipalName);
        Assert.True(ivanti.IsGenericUser);
        Assert.True(ivanti.IsEnrolled);
        Assert.Equal(Machines.IvantiServer, ivanti.ServerAddress);
        Assert.All(enrollments, e => Assert.True(e.IsMdm));
    }

    [Fact]
    public void IncludeNonMdmAddsTheOtherEntriesButNeverWindowsBookkeeping()
    {
        var result = RunOn(Machines.MixedPc(), "Get-BulkEnrollLocalEnrollment -IncludeNonMdm").ThrowIfErrors();

        var ids = result.All<LocalMdmEnrollment>().Select(e => e.EnrollmentId).ToList();
        Assert.Equal(5, ids.Count);
        Assert.Contains(Machines.AadJoinId, ids);
        Assert.Contains(Machines.DeviceRegistrationId, ids);
        Assert.Contains(Machines.PlaceholderId, ids);
        Assert.DoesNotContain("Status", ids);
    }

    [Fact]
    public void TheDefaultRunSaysHowManyEntriesItLeftOut()
    {
        var result = RunOn(Machines.MixedPc(), "Get-BulkEnrollLocalEnrollment -Verbose").ThrowIfErrors();

        Assert.Contains(result.Verbose, v => v.Contains("3 non-MDM entries left out") && v.Contains("-IncludeNonMdm"));
        Assert.Contains(result.Verbose, v => v.Contains("2 enrollment(s) match"));
    }

    [Fact]
    public void GenericOnlyKeepsTheWindowsBulkenrollUsers()
    {
        var result = RunOn(Machines.MixedPc(), "Get-BulkEnrollLocalEnrollment -GenericOnly -IncludeNonMdm").ThrowIfErrors();

        LocalMdmEnrollment only = result.Single<LocalMdmEnrollment>();
        Assert.Equal(Machines.IvantiId, only.EnrollmentId);
    }

    [Theory]
    [InlineData("'windows-bulkenroll-*'", Machines.IvantiId)]
    [InlineData("'WINDOWS-BULKENROLL-SITE-PARIS@CONTOSO.COM'", Machines.IvantiId)]
    [InlineData("-UPN 'adele.*'", Machines.IntuneId)]
    [InlineData("'nobody@contoso.com', '*@contoso.com'", Machines.IntuneId + "," + Machines.IvantiId)]
    [InlineData("'nobody@contoso.com'", "")]
    public void FiltersByUserPrincipalNameWithWildcards(string filter, string expectedIds)
    {
        var result = RunOn(Machines.MixedPc(), "Get-BulkEnrollLocalEnrollment " + filter).ThrowIfErrors();

        Assert.Equal(expectedIds.Split(',', StringSplitOptions.RemoveEmptyEntries).OrderBy(x => x),
            result.All<LocalMdmEnrollment>().Select(e => e.EnrollmentId).OrderBy(x => x));
    }

    [Fact]
    public void AnUnknownExactUpnIsNotAnError()
    {
        var result = RunOn(Machines.MixedPc(), "Get-BulkEnrollLocalEnrollment 'windows-bulkenroll-nobody@contoso.com' -Verbose");

        Assert.Empty(result.Output);
        Assert.Empty(result.ErrorIds);
        Assert.Contains(result.Verbose, v => v.Contains("0 enrollment(s) match"));
    }

    [Theory]
    [InlineData("bulk", "", true)]
    [InlineData("mixed", "", true)]
    [InlineData("mixed", "-UserPrincipalName 'windows-bulkenroll-site-*'", true)]
    [InlineData("mixed", "-UserPrincipalName 'windows-bulkenroll-lab-*'", false)]
    [InlineData("mixed", "-UserPrincipalName 'adele.vance@contoso.com'", false)]
    [InlineData("intune", "", false)]
    [InlineData("incomplete", "", false)]
    [InlineData("never", "", false)]
    [InlineData("empty", "", false)]
    public void QuietAnswersWhetherThisPcIsEnrolledUnderAGenericUser(string machine, string parameters, bool expected)
    {
        InMemoryRegistry registry = machine switch
        {
            "bulk" => Machines.BulkEnrolledPc(),
            "mixed" => Machines.MixedPc(),
            "intune" => Machines.IntunePc(),
            "incomplete" => new InMemoryRegistry().WindowsBookkeeping().IvantiBulkEnrollment(state: 3),
            "never" => Machines.NeverEnrolledPc(),
            _ => Machines.EmptyRegistry(),
        };

        var result = RunOn(registry, "Get-BulkEnrollLocalEnrollment -Quiet " + parameters).ThrowIfErrors();

        Assert.Equal(expected, result.Single<bool>());
        Assert.Single(result.Output);
    }

    [Fact]
    public void QuietNamesTheEnrollmentItFoundInVerbose()
    {
        var result = RunOn(Machines.BulkEnrolledPc(), "Get-BulkEnrollLocalEnrollment -Quiet -Verbose").ThrowIfErrors();

        Assert.Contains(result.Verbose, v => v.Contains("under the generic user " + Machines.GenericUpn) && v.Contains(Machines.IvantiId));
    }

    [Fact]
    public void ANeverEnrolledPcReturnsNothingAndNoError()
    {
        var result = RunOn(Machines.EmptyRegistry(), "Get-BulkEnrollLocalEnrollment -Verbose");

        Assert.Empty(result.Output);
        Assert.Empty(result.ErrorIds);
        Assert.Contains(result.Verbose, v => v.Contains("never been enrolled"));
    }

    [Fact]
    public void AnUnreadableEnrollmentIsANonTerminatingErrorAndTheRestIsReturned()
    {
        var registry = Machines.MixedPc().Deny(Machines.Enrollments + @"\" + Machines.IntuneId);

        var result = RunOn(registry, "Get-BulkEnrollLocalEnrollment");

        Assert.Equal(Machines.IvantiId, result.Single<LocalMdmEnrollment>().EnrollmentId);
        ErrorRecord error = result.Error("LocalEnrollmentUnreadable");
        Assert.Equal("LocalEnrollmentUnreadable,BulkEnroll.Commands.GetBulkEnrollLocalEnrollmentCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ReadError, error.CategoryInfo.Category);
        Assert.Equal(Machines.IntuneId, error.TargetObject);
        Assert.Null(result.Terminating);
    }

    [Fact]
    public void QuietStillAnswersWhenAnotherEnrollmentIsUnreadable()
    {
        var registry = Machines.MixedPc().Deny(Machines.Enrollments + @"\" + Machines.IntuneId);

        var result = RunOn(registry, "Get-BulkEnrollLocalEnrollment -Quiet -ErrorAction SilentlyContinue");

        Assert.True(result.Single<bool>());
    }

    [Fact]
    public void AnUnreadableEnrollmentsKeyIsATerminatingError()
    {
        var registry = Machines.BulkEnrolledPc().Deny(Machines.Enrollments);

        var result = RunOn(registry, "Get-BulkEnrollLocalEnrollment -Quiet");

        ErrorRecord error = result.Error("LocalEnrollmentUnreadable");
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.Contains("administrator", error.ErrorDetails!.RecommendedAction);

        var caught = _shell.Run("try { Get-BulkEnrollLocalEnrollment -Quiet -ErrorAction SilentlyContinue; 'not reached' } catch { 'caught ' + $_.FullyQualifiedErrorId }").ThrowIfErrors();
        Assert.Equal("caught LocalEnrollmentUnreadable,BulkEnroll.Commands.GetBulkEnrollLocalEnrollmentCommand", caught.Output.Single().ToString());
    }

    [Fact]
    public void OffWindowsItFailsClearlyWithoutTouchingTheRegistry()
    {
        _machine = FakeMachine.NotWindows();

        var result = _shell.Run("Get-BulkEnrollLocalEnrollment -Quiet");

        AssertRequiresWindows(result);
    }

    [Fact]
    public void TheRealPlatformCheckRefusesThisMachineUnlessItIsWindows()
    {
        LocalEnrollmentSources.Reset();

        var result = _shell.Run("Get-BulkEnrollLocalEnrollment");

        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Assert.DoesNotContain(result.ErrorIds, id => id.StartsWith("LocalEnrollmentRequiresWindows", StringComparison.Ordinal));
        }
        else
        {
            AssertRequiresWindows(result);
            Assert.Contains(RuntimeInformation.OSDescription.Trim(), result.Error("LocalEnrollmentRequiresWindows").Exception.Message);
        }
    }

    [Fact]
    public void TheWindowsErrorIsTerminatingAndCatchableByIdInAScript()
    {
        _machine = FakeMachine.NotWindows();

        // No -ErrorAction Stop: try/catch sees it only because the error terminates the statement.
        var result = _shell.Run("try { Get-BulkEnrollLocalEnrollment -ErrorAction SilentlyContinue; 'not reached' } catch { $_.FullyQualifiedErrorId; $_.Exception.InnerException.GetType().Name }").ThrowIfErrors();

        Assert.Equal(new[] { "LocalEnrollmentRequiresWindows,BulkEnroll.Commands.GetBulkEnrollLocalEnrollmentCommand", "PlatformNotSupportedException" },
            result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void DeclaresItsOutputTypesAndParameters()
    {
        var result = _shell.Run("$c = Get-Command Get-BulkEnrollLocalEnrollment; $c.OutputType.Name; ($c.Parameters['UserPrincipalName'].Aliases -join ','); $c.Parameters['UserPrincipalName'].ParameterType.Name").ThrowIfErrors();

        var text = result.Output.Select(o => o.ToString()).ToList();
        Assert.Contains(typeof(LocalMdmEnrollment).FullName, text);
        Assert.Contains(typeof(bool).FullName, text);
        Assert.Contains("UPN", text);
        Assert.Contains("String[]", text);
    }

    [Fact]
    public void TheDefaultViewShowsTheUpn()
    {
        RunOn(Machines.BulkEnrolledPc(), "Get-BulkEnrollLocalEnrollment | Out-Host").ThrowIfErrors();

        Assert.Contains(Machines.GenericUpn, _shell.HostText);
    }

    private static void AssertRequiresWindows(ScriptResult result)
    {
        ErrorRecord error = result.Error(GetBulkEnrollLocalEnrollmentCommand.RequiresWindowsErrorId);
        Assert.Equal("LocalEnrollmentRequiresWindows,BulkEnroll.Commands.GetBulkEnrollLocalEnrollmentCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotImplemented, error.CategoryInfo.Category);
        Assert.IsType<PlatformNotSupportedException>(error.Exception.InnerException);
        Assert.Contains(@"HKLM\SOFTWARE\Microsoft\Enrollments", error.Exception.Message);
        Assert.Contains("Windows PC itself", error.ErrorDetails!.RecommendedAction);
        Assert.Empty(result.Output);
    }
}
