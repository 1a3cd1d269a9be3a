namespace ChatRouter.Server.Templates;

/// <summary>Loads the WhatsApp message template registry at start, before the outbox sends anything.</summary>
internal sealed class WhatsAppTemplateLoader(WhatsAppTemplateRegistry templates, IConfiguration configuration, TimeProvider time) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        templates.LoadAsync(configuration["Flows:Path"] ?? "flows", time.GetUtcNow(), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
