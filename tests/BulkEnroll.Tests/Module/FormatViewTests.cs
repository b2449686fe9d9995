using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Xml.Linq;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Module;

public sealed class FormatViewTests
{
    private static readonly XDocument Views = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "BulkEnroll.Format.ps1xml"));

    public static TheoryData<string> OutputTypes()
    {
        var data = new TheoryData<string>();
        foreach (Type type in typeof(BulkEnroll.Commands.AsyncCmdlet).Assembly.GetTypes()
                     .Where(t => t.GetCustomAttributes(typeof(CmdletAttribute), false).Length > 0)
                     .SelectMany(t => t.GetCustomAttributes(typeof(OutputTypeAttribute), false).Cast<OutputTypeAttribute>())
                     .SelectMany(a => a.Type)
                     .Select(t => t.Type)
                     .Where(t => t != null && t.Assembly == typeof(BulkEnrollConnection).Assembly)
                     .Distinct()!)
        {
            data.Add(type!.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OutputTypes))]
    public void EveryOutputTypeHasADefaultTableView(string typeName)
    {
        var views = Views.Descendants("View").Where(v => v.Element("ViewSelectedBy")?.Element("TypeName")?.Value == typeName).ToList();
        Assert.NotEmpty(views);
        Assert.NotNull(views[0].Element("TableControl"));
    }

    [Fact]
    public void EveryCmdletDeclaresItsOutputType()
    {
        var cmdlets = typeof(BulkEnroll.Commands.AsyncCmdlet).Assembly.GetTypes().Where(t => t.GetCustomAttributes(typeof(CmdletAttribute), false).Length > 0).ToList();
        Assert.All(cmdlets, c => Assert.NotEmpty(c.GetCustomAttributes(typeof(OutputTypeAttribute), false)));
    }

    [Fact]
    public void TheUserTableShowsWhereThePasswordIsNotThePassword()
    {
        using var session = new PowerShellSession();
        var secret = SandboxSession.Secure("Shown-Never-1!");
        session.Run("$u = [BulkEnroll.BulkEnrollUser].GetConstructors([Reflection.BindingFlags]'NonPublic,Instance')[0].Invoke(@(7L, 'windows-bulkenroll-x@contoso.com', 'x', [datetime]::Now, 0L, [pscredential]::new('windows-bulkenroll-x@contoso.com', $args[0]))); $u | Out-Host; $u | Format-List * -ErrorAction SilentlyContinue | Out-Host", secret);

        Assert.Contains("windows-bulkenroll-x@contoso.com", session.HostText);
        Assert.Contains("in .Credential", session.HostText);
        Assert.DoesNotContain("Shown-Never-1!", session.HostText);
    }
}
