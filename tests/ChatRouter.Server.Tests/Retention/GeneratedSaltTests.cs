using ChatRouter.Server.Retention;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Server.Tests.Retention;

public sealed class GeneratedSaltTests
{
    [Fact]
    public async Task Pseudonym_WithoutAConfiguredSalt_IsKeyedByOneStoredInTheDatabase_AcrossRestarts()
    {
        using var directory = new TempDirectory();
        string first;
        string stored;
        await using (var server = await ServerApp.StartAsync(directory.File("chatrouter.db")))
        {
            first = await server.Services.GetRequiredService<Pseudonyms>().OfAsync("+442079460958", CancellationToken.None);
            stored = await server.Store.GetOrAddSettingAsync("retention.hash_salt", "not-this-one", CancellationToken.None);
        }

        await using var restarted = await ServerApp.StartAsync(directory.File("chatrouter.db"));
        var again = await restarted.Services.GetRequiredService<Pseudonyms>().OfAsync("+442079460958", CancellationToken.None);

        first.Should().StartWith("erased:").And.Be(again);
        stored.Should().NotBe("not-this-one").And.HaveLength(44, "32 random bytes in base64");
    }
}
