using System;
using System.IO;
using System.Text;
using BulkEnroll.Packaging.Files;
using BulkEnroll.Packaging.Tests.Wim;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Files;

/// <summary>Files that hold secrets: owner-only from the first byte, written atomically, never clobbered by accident.</summary>
public sealed class OwnerOnlyFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void WritesTheBytesOwnerOnlyAndLeavesNothingElseBehind()
    {
        string path = _temp.Combine("secret.ppkg");

        bool ownerOnly = OwnerOnlyFile.Write(path, Encoding.UTF8.GetBytes("secret"), overwrite: false);

        Assert.True(ownerOnly);
        Assert.Equal("secret", File.ReadAllText(path));
        OwnerOnlyAssert.OwnerOnly(path);
        OwnerOnlyAssert.OnlyFiles(_temp.Path, "secret.ppkg");
    }

    [Fact]
    public void AFailureSaysWhyInWordsNotOnlyByErrno()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows reports through .NET's own messages.
        }

        var error = Assert.Throws<IOException>(() => OwnerOnlyFile.Write(_temp.Combine("missing", "p.ppkg"), Encoding.UTF8.GetBytes("x"), overwrite: false));

        Assert.Contains("no such file or folder, errno 2", error.Message);
    }

    [Fact]
    public void AnExistingFileIsKeptUnlessOverwriteIsAskedAndThenItsLooseModeIsNotInherited()
    {
        string path = _temp.Combine("p.ppkg");
        File.WriteAllText(path, "old");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        Assert.Throws<IOException>(() => OwnerOnlyFile.Write(path, Encoding.UTF8.GetBytes("new"), overwrite: false));
        Assert.Equal("old", File.ReadAllText(path));

        OwnerOnlyFile.Write(path, Encoding.UTF8.GetBytes("new"), overwrite: true);

        Assert.Equal("new", File.ReadAllText(path));
        OwnerOnlyAssert.OwnerOnly(path);
        OwnerOnlyAssert.OnlyFiles(_temp.Path, "p.ppkg");
    }

    [Fact]
    public void AReaderHoldingTheOldFileKeepsSeeingItWholeWhileItIsReplaced()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows refuses to replace an open file; the rename semantics checked here are POSIX.
        }

        string path = _temp.Combine("p.ppkg");
        OwnerOnlyFile.Write(path, Encoding.UTF8.GetBytes("old content"), overwrite: false);
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        OwnerOnlyFile.Write(path, Encoding.UTF8.GetBytes("new content"), overwrite: true);

        Assert.Equal("old content", new StreamReader(reader).ReadToEnd());
        Assert.Equal("new content", File.ReadAllText(path));
    }

    [Fact]
    public void APrivateFolderIsOwnerOnly()
    {
        string folder = _temp.Combine("work");

        Assert.True(OwnerOnlyFile.CreateDirectory(folder));

        OwnerOnlyAssert.OwnerOnly(folder);
    }

    [Fact]
    public void AFolderThatDoesNotExistIsAnIoErrorAndNoStagingIsLeft()
    {
        Assert.ThrowsAny<IOException>(() => OwnerOnlyFile.Write(_temp.Combine("missing", "p.ppkg"), new byte[] { 1 }, overwrite: false));
        OwnerOnlyAssert.OnlyFiles(_temp.Path);
    }
}
