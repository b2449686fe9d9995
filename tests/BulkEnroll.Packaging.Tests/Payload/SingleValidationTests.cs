using System;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Wim;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Payload;

/// <summary>
/// One build validates its definition once: the package, the project file inside it and the project file beside it
/// all come from the one <see cref="ValidatedPackageDefinition"/> (it was three passes before the library).
/// </summary>
public class SingleValidationTests
{
    [Fact]
    public void APackageAndItsProjectFileAreBuiltOnOneValidationPass()
    {
        using ValidationPassCounter.Counter counter = ValidationPassCounter.Start();

        ValidatedPackageDefinition validated = ValidatedPackageDefinition.Validate(Samples.Full());
        byte[] package = NativePackageBuilder.BuildBytes(validated, DateTime.UtcNow);
        byte[] project = CustomizationsXmlWriter.Write(validated);

        Assert.Equal(1, counter.Passes);
        Assert.False(validated.HasErrors);
        using var reader = new WimReader(new System.IO.MemoryStream(package), leaveOpen: false);
        Assert.True(reader.GetImage(1).TryGetEntry(PayloadPaths.CustomizationsXml, out WimEntry _));
        Assert.NotEmpty(project);
    }

    [Fact]
    public void EachBuildFromABareDefinitionValidatesItOnce()
    {
        using ValidationPassCounter.Counter counter = ValidationPassCounter.Start();

        NativePackageBuilder.BuildBytes(Samples.Full(), PackageValidationOptions.Default, DateTime.UtcNow);
        Assert.Equal(1, counter.Passes);

        CustomizationsXmlWriter.Write(Samples.Full());
        Assert.Equal(2, counter.Passes);
    }

    [Fact]
    public void ABuilderRefusesADefinitionWhosePassFoundErrorsWithoutValidatingAgain()
    {
        PackageDefinition definition = Samples.Full();
        definition.Version = "one";
        using ValidationPassCounter.Counter counter = ValidationPassCounter.Start();

        ValidatedPackageDefinition validated = ValidatedPackageDefinition.Validate(definition);
        PackageDefinitionInvalidException package = Assert.Throws<PackageDefinitionInvalidException>(() => NativePackageBuilder.BuildBytes(validated, DateTime.UtcNow));
        PackageDefinitionInvalidException project = Assert.Throws<PackageDefinitionInvalidException>(() => CustomizationsXmlWriter.Write(validated));

        Assert.Equal(1, counter.Passes);
        Assert.Contains(package.Problems, p => p.Id == PackageProblemIds.VersionInvalid);
        Assert.Same(validated.Problems, project.Problems);
    }

    [Fact]
    public void NothingIsCountedWhereNobodyStartedCounting()
    {
        ValidationPassCounter.Counter counter;
        using (counter = ValidationPassCounter.Start())
        {
        }

        ValidatedPackageDefinition.Validate(Samples.Full());

        Assert.Equal(0, counter.Passes);
    }
}
