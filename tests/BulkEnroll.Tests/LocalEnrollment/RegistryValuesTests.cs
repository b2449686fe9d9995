using BulkEnroll.LocalEnrollment;
using Xunit;

namespace BulkEnroll.Tests.LocalEnrollment;

public sealed class RegistryValuesTests
{
    public static TheoryData<object?, int?> Numbers => new()
    {
        { 6, 6 },
        { 13L, 13 },
        { "6", 6 },
        { " 13 ", 13 },
        { "0x0D", 13 },
        { "0xZZ", null },
        { "six", null },
        { 5_000_000_000L, null },
        { new byte[] { 6, 0, 0, 0 }, null },
        { new[] { "6" }, null },
        { null, null },
    };

    public static TheoryData<object?, string?> Texts => new()
    {
        { "windows-bulkenroll-a@contoso.com", "windows-bulkenroll-a@contoso.com" },
        { "  padded  ", "padded" },
        { "nul-terminated\0\0", "nul-terminated" },
        { "", null },
        { "   ", null },
        { new[] { "", " ", "second" }, "second" },
        { new string[0], null },
        { 6, null },
        { new byte[] { 0x41 }, null },
        { null, null },
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public void ReadsNumbersWhateverTheirRegistryType(object? raw, int? expected) => Assert.Equal(expected, RegistryValues.AsNumber(raw));

    [Theory]
    [MemberData(nameof(Texts))]
    public void ReadsTextOnlyFromStringTypes(object? raw, string? expected) => Assert.Equal(expected, RegistryValues.AsText(raw));

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("x", "REG_SZ")]
    [InlineData(1, "REG_DWORD")]
    [InlineData(1L, "REG_QWORD")]
    public void NamesRegistryTypesAsRegeditDoes(object? raw, string expected) => Assert.Equal(expected, RegistryValues.TypeName(raw));
}
