using System.Linq;
using BulkEnroll.Packaging.Payload;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Payload;

public class DeviceNameRulesTests
{
    [Theory]
    [InlineData("PAR-%SERIAL%", "")]
    [InlineData("PC-%RAND:5%", "")]
    [InlineData("par-%serial%", "")]
    [InlineData("Lab%Rand:3%", "")]
    [InlineData("ABCDEFGHIJKLMNO", "")]
    [InlineData("A1", "")]
    [InlineData("X-%RAND:4%-%RAND:4%", "")]
    [InlineData("%SERIAL%-PC", "")]
    [InlineData("PC%SERIAL%", "")]
    [InlineData("CONTOSO-%SERIAL%", "DeviceNameSerialTruncated")]
    [InlineData("CONTOSO-LAPTOP-%SERIAL%", "DeviceNameTooLong")]
    [InlineData("ABCDEFGHIJKLMNOP", "DeviceNameTooLong")]
    [InlineData("PC-%RAND:13%", "DeviceNameTooLong")]
    [InlineData("ABCDEFGHIJKL%SERIAL%", "DeviceNameTooLong")]
    [InlineData("%RAND:8%", "DeviceNameAllDigits")]
    [InlineData("12345", "DeviceNameAllDigits")]
    [InlineData("%SERIAL%", "DeviceNameAllDigits")]
    [InlineData("42%SERIAL%", "DeviceNameAllDigits")]
    [InlineData("A B", "DeviceNameInvalidCharacter")]
    [InlineData("PC_01", "DeviceNameInvalidCharacter")]
    [InlineData("PC.LAB", "DeviceNameInvalidCharacter")]
    [InlineData("Café", "DeviceNameInvalidCharacter")]
    [InlineData("%FOO%", "DeviceNameUnknownMacro")]
    [InlineData("PC-%SERIAL", "DeviceNameUnknownMacro")]
    [InlineData("PC-%RAND%", "DeviceNameUnknownMacro")]
    [InlineData("%RAND:16%", "DeviceNameRandLengthInvalid")]
    [InlineData("PC%RAND:0%", "DeviceNameRandLengthInvalid")]
    [InlineData("PC%RAND:x%", "DeviceNameRandLengthInvalid")]
    [InlineData("-X", "DeviceNameHyphenAtEdge")]
    [InlineData("PC-%RAND:3%-", "DeviceNameHyphenAtEdge")]
    [InlineData("", "DeviceNameEmpty")]
    public void Template_gives_the_expected_finding(string template, string expectedId)
    {
        string[] ids = DeviceNameRules.Check(template).Select(p => p.Id).ToArray();

        if (expectedId.Length == 0)
        {
            Assert.Empty(ids);
        }
        else
        {
            Assert.Equal(new[] { expectedId }, ids);
        }
    }

    [Fact]
    public void Serial_truncation_is_a_warning_and_the_rest_are_errors()
    {
        Assert.Equal(ProblemSeverity.Warning, DeviceNameRules.Check("CONTOSO-%SERIAL%").Single().Severity);
        Assert.Equal(ProblemSeverity.Error, DeviceNameRules.Check("CONTOSO-LAPTOP-%SERIAL%").Single().Severity);
    }

    [Fact]
    public void Several_problems_are_reported_together()
    {
        string[] ids = DeviceNameRules.Check("-A B C D E F G H I-").Select(p => p.Id).OrderBy(id => id).ToArray();

        Assert.Equal(new[] { "DeviceNameHyphenAtEdge", "DeviceNameInvalidCharacter", "DeviceNameTooLong" }, ids);
    }

    [Fact]
    public void Messages_name_the_offending_character()
    {
        Assert.Contains("space", DeviceNameRules.Check("A B").Single().Message);
        Assert.Contains("'_'", DeviceNameRules.Check("A_B").Single().Message);
    }

    [Theory]
    [InlineData("PC-%RAND:\u0663%")] // Arabic-Indic three
    [InlineData("PC-%RAND:\uFF13%")] // full-width three
    [InlineData("PC-%RAND:\u0966\u0967%")] // Devanagari zero one
    public void Only_ascii_digits_count_in_rand(string template)
    {
        PackageProblem problem = DeviceNameRules.Check(template).Single();

        Assert.Equal(PackageProblemIds.DeviceNameRandLengthInvalid, problem.Id);
        Assert.Contains("ASCII digits", problem.Message);
    }

    [Fact]
    public void Thousands_of_unknown_macros_give_a_bounded_report()
    {
        string template = string.Concat(Enumerable.Repeat("%NOPE%", 20000));

        PackageProblem[] problems = DeviceNameRules.Check(template).ToArray();

        Assert.Equal(DeviceNameRules.MaxMacroProblems + 1, problems.Count(p => p.Id == PackageProblemIds.DeviceNameUnknownMacro));
        Assert.Contains("only the first", problems.Last(p => p.Id == PackageProblemIds.DeviceNameUnknownMacro).Message);
        Assert.All(problems, p => Assert.True(p.Message.Length < 400, p.Message.Length.ToString()));
    }

    [Fact]
    public void A_long_template_is_quoted_shortened()
    {
        string template = new string('A', 100000);

        PackageProblem problem = DeviceNameRules.Check(template).Single();

        Assert.Equal(PackageProblemIds.DeviceNameTooLong, problem.Id);
        Assert.Contains("AAAA\u2026", problem.Message);
        Assert.Contains("100000 characters", problem.Message);
    }
}
