using ChatRouter.Outbox;
using ChatRouter.Server.Downgrades;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Testing;

/// <summary>Waiting on and reading the downgrades of a <see cref="ServerApp"/>.</summary>
public static class ServerAppDowngrades
{
    /// <summary><see cref="ServerApp.SettledAsync"/>, then until the downgrade sender has nothing in flight or due either.</summary>
    public static async Task DowngradesSettledAsync(this ServerApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sender = app.Services.GetRequiredService<DowngradeSender>();
        do
        {
            await app.SettledAsync();
            await sender.WhenSettledAsync();
        }
        while (!sender.WhenSettledAsync().IsCompleted);
    }

    public static IDowngradeStore Downgrades(this ServerApp app) => app.Services.GetRequiredService<IDowngradeStore>();
}
