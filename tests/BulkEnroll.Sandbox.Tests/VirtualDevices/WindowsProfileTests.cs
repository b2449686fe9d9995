using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using BulkEnroll.Sandbox.Enrollment;
using BulkEnroll.Sandbox.Tests.Enrollment;
using BulkEnroll.Sandbox.VirtualDevices;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.VirtualDevices;

/// <summary>The virtual devices' messages against the genuine ones of the corpus, field by field: what Windows 10
/// and Windows 11 send must be what a virtual device of that build sends, up to the values that belong to one PC.</summary>
public sealed class WindowsProfileTests
{
    private static readonly XNamespace S = Soap.S;
    private static readonly XNamespace A = Soap.A;
    private static readonly XNamespace Enroll = Soap.Enroll;
    private static readonly XNamespace Wsse = Soap.Wsse;
    private static readonly XNamespace Ac = Soap.Ac;

    private static VirtualDeviceOptions Device(string osVersion) => new() { OsVersion = osVersion, OsEdition = 48 };

    [Theory]
    [InlineData("win10-discover.xml", "10.0.19045.2965", "Windows 10")]
    [InlineData("win11-discover.xml", "10.0.22621.3155", "Windows 11")]
    public void The_Discover_request_matches_the_captured_one(string file, string osVersion, string windows)
    {
        var genuine = CorpusReplayTests.Load(file).Root!;
        var url = new Uri("https://127.0.0.1/EnrollmentServer/Discovery.svc");
        var ours = XElement.Parse(Encoding.UTF8.GetString(
            DeviceRequests.Discover(DeviceRequests.NewMessageId(), url, "user@contoso.com", "OnPremise", Device(osVersion))));

        Assert.Equal(windows, WindowsProfile.For(osVersion).Name);
        Assert.Equal(HeaderShape(genuine), HeaderShape(ours));
        XElement Request(XElement envelope) => envelope.Element(S + "Body")!.Element(Enroll + "Discover")!.Element(Enroll + "request")!;
        var (g, o) = (Request(genuine), Request(ours));
        Assert.Equal(g.Elements().Select(e => e.Name), o.Elements().Select(e => e.Name));
        foreach (string same in new[] { "RequestVersion", "DeviceType" })
        {
            Assert.Equal(g.Element(Enroll + same)!.Value, o.Element(Enroll + same)!.Value);
        }
        Assert.Equal(g.Element(Enroll + "AuthPolicies")!.Elements().Select(e => e.Value), o.Element(Enroll + "AuthPolicies")!.Elements().Select(e => e.Value));
        Assert.Matches(@"^10\.0\.\d+\.\d+$", o.Element(Enroll + "ApplicationVersion")!.Value);
        Assert.Equal(osVersion, o.Element(Enroll + "ApplicationVersion")!.Value);
        Assert.Matches(@"^\d+$", o.Element(Enroll + "OSEdition")!.Value);
    }

    [Theory]
    [InlineData("win10-rst.xml", "10.0.19045.2965")]
    [InlineData("win11-rst.xml", "10.0.22598.1")]
    public void The_enrollment_request_matches_the_captured_one(string file, string osVersion)
    {
        var genuine = CorpusReplayTests.Load(file).Root!;
        using var http = new HttpClient();
        var run = new DeviceRun(Device(osVersion), new DeviceSoapClient(http));
        using var key = RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(run.Identity.DeviceId);
        var context = EnrollmentStep.Context(run, "DESKTOP-0C89RC0").ToList();
        var url = new Uri("https://127.0.0.1/EnrollmentServer/Enrollment.svc");
        var ours = XElement.Parse(Encoding.UTF8.GetString(DeviceRequests.RequestSecurityToken(
            DeviceRequests.NewMessageId(), url, "user@contoso.com", "secret", run.Profile.CreateCsr(subject.Build(), key), context)));

        // The CSR is signed as that Windows signs it (Windows 10: OIW sha1RSA; Windows 11: sha256RSA).
        string CsrAlgorithm(XElement envelope) => Pkcs10Request.ReadAndVerify(Convert.FromBase64String(
            envelope.Descendants(Wsse + "BinarySecurityToken").Last().Value.Trim())).SignatureAlgorithm;
        Assert.Equal(CsrAlgorithm(genuine), CsrAlgorithm(ours));

        // Context items: the captured ones in the captured order (one MAC per adapter), then the sandbox's own.
        List<(string Name, string Value)> Items(XElement envelope) => envelope.Descendants(Ac + "ContextItem")
            .Select(c => ((string)c.Attribute("Name")!, c.Element(Ac + "Value")!.Value.Trim())).ToList();
        var g = Items(genuine);
        var o = Items(ours);
        Assert.Equal(g.Select(i => i.Name).Distinct(), o.Select(i => i.Name).Where(n => !n.StartsWith("Sandbox", StringComparison.Ordinal)).Distinct());
        string Value(List<(string Name, string Value)> items, string name) => items.First(i => i.Name == name).Value;
        foreach (string same in new[] { "DeviceType", "RequestVersion", "UXInitiated", "NotInOobe", "Locale" })
        {
            Assert.Equal(Value(g, same), Value(o, same));
        }
        foreach (var (name, pattern) in new[] { ("HWDevID", "^[0-9A-F]{64}$"), ("DeviceID", "^[0-9A-F]{32}$"), ("MAC", "^([0-9A-F]{2}-){5}[0-9A-F]{2}$"),
                     ("OSEdition", @"^\d+$"), ("OSVersion", @"^10\.0\.\d+\.\d+$"), ("ApplicationVersion", @"^10\.0\.\d+\.\d+$") })
        {
            Assert.Matches(pattern, Value(g, name));
            Assert.Matches(pattern, Value(o, name));
        }
        // A package enrolls the PC at OOBE as a device; the captures were user-initiated (Full).
        Assert.Equal("Full", Value(g, "EnrollmentType"));
        Assert.Equal("Device", Value(o, "EnrollmentType"));
        Assert.Equal(HeaderShape(genuine).Where(n => n != "Security"), HeaderShape(ours).Where(n => n != "Security"));
    }

    /// <summary>The header elements in order, with mustUnderstand where it is set.</summary>
    private static IEnumerable<string> HeaderShape(XElement envelope) => envelope.Element(S + "Header")!.Elements()
        .Select(e => e.Name.LocalName + ((string?)e.Attribute(S + "mustUnderstand") is { } m ? "@mustUnderstand=" + m : ""))
        .Select(n => n.StartsWith("Security", StringComparison.Ordinal) ? "Security" : n);
}
