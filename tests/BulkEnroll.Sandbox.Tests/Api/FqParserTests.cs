using BulkEnroll.Sandbox.Api.Query;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Api;

public sealed class FqParserTests
{
    [Fact]
    public void Empty_is_no_filter() => Assert.Null(FqParser.Parse("  "));

    [Fact]
    public void And_binds_tighter_than_or()
    {
        var e = FqParser.Parse("a=1 or b=2 AND c=3");
        var or = Assert.IsType<FqOr>(e);
        Assert.Equal(new FqTerm("a", FqOperator.Equal, "1"), or.Left);
        Assert.IsType<FqAnd>(or.Right);
    }

    [Fact]
    public void Parentheses_group()
    {
        var and = Assert.IsType<FqAnd>(FqParser.Parse("(a=1 or b=2)and c NEQ 3"));
        Assert.IsType<FqOr>(and.Left);
        Assert.Equal(new FqTerm("c", FqOperator.NotEqual, "3"), and.Right);
    }

    [Theory]
    [InlineData("deviceName EQ 'My PC'", "My PC")]
    [InlineData("deviceName EQ \"a (b)\"", "a (b)")]
    [InlineData("deviceName=user@x.com", "user@x.com")]
    [InlineData("deviceName eq a=b", "a=b")]
    public void Values(string fq, string value) =>
        Assert.Equal(value, Assert.IsType<FqTerm>(FqParser.Parse(fq)).Value);

    [Fact]
    public void Keywords_only_count_as_whole_words()
    {
        // "orderly" and "andrew" are values and fields, not operators.
        var and = Assert.IsType<FqAnd>(FqParser.Parse("name=orderly and andrew=1"));
        Assert.Equal(new FqTerm("name", FqOperator.Equal, "orderly"), and.Left);
        Assert.Equal(new FqTerm("andrew", FqOperator.Equal, "1"), and.Right);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("a=")]
    [InlineData("=1")]
    [InlineData("a=1 b=2")]
    [InlineData("a=1 and")]
    [InlineData("(a=1")]
    [InlineData("a=1)")]
    [InlineData("a EQ 'x")]
    [InlineData("a GT 1")]
    public void Malformed(string fq) => Assert.Throws<FqSyntaxException>(() => FqParser.Parse(fq));
}
