using System.Text;
using ChatRouter.Storage.Tests.Contract;
using ChatRouter.Testing;

namespace ChatRouter.Storage.Tests;

/// <summary>What the LiteDB file adds to the store contract: encryption at rest, owner-only files, one process at a time.</summary>
public sealed class LiteDbFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string Path => _directory.File("data/chatrouter.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Password_EncryptsTheFileAtRest()
    {
        const string secret = "a-very-distinctive-customer-name-7f3a";
        using (var stores = LiteDbStores.Open(Path, password: "s3cret!"))
        {
            await stores.Conversations.SaveTurnAsync(Records.Turn("hi", secret), CancellationToken.None);
        }

        var bytes = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Path));
        bytes.Should().NotContain(secret);
        bytes.Should().NotContain("16505551234");

        using var reopened = LiteDbStores.Open(Path, password: "s3cret!");
        (await reopened.Conversations.GetProfileAsync("p1", CancellationToken.None))!.Name.Should().Be(secret);
    }

    [Fact]
    public async Task Password_WithoutIt_APlainFileShowsTheData()
    {
        using (var stores = LiteDbStores.Open(Path))
        {
            await stores.Conversations.SaveTurnAsync(Records.Turn("hi", "plain-name-c41"), CancellationToken.None);
        }

        Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Path)).Should().Contain("plain-name-c41");
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData(null)]
    public async Task Password_WrongOrMissing_IsOneLineNamingTheFileAndTheSetting(string? password)
    {
        using (var stores = LiteDbStores.Open(Path, password: "right"))
        {
            await stores.Conversations.SaveTurnAsync(Records.Turn("hi"), CancellationToken.None);
        }

        using var stores2 = LiteDbStores.Open(Path, password: password);
        var act = () => stores2.Conversations;

        act.Should().Throw<StoreUnavailableException>()
            .Which.Message.Should().Contain(Path).And.Contain("Storage:Password").And.NotContain("\n").And.NotContain("right");
    }

    [Fact]
    public void Open_FileHeldByAnotherStore_SaysAnotherProcessHasItAndNamesTheFile()
    {
        using var first = LiteDbStores.Open(Path);
        _ = first.Conversations;

        using var second = LiteDbStores.Open(Path);
        var act = () => second.Conversations;

        act.Should().Throw<StoreUnavailableException>()
            .Which.Message.Should().Contain(Path).And.Contain("another process").And.Contain("Storage:Path");
    }

    [Fact]
    public async Task Open_NewFile_DatabaseAndLogAreReadableByTheOwnerOnly()
    {
        // Unix file modes; Windows files are guarded by their ACLs instead.
        if (OperatingSystem.IsWindows()) return;
        using (var stores = LiteDbStores.Open(Path))
        {
            await stores.Conversations.SaveTurnAsync(Records.Turn("hi"), CancellationToken.None);
        }

        File.GetUnixFileMode(Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(LiteDbFile.LogPath(Path)).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(System.IO.Path.GetDirectoryName(Path)!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
