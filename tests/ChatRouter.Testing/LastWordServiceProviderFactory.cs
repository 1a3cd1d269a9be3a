using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Testing;

/// <summary>
/// The default container, with a test's changes applied after every registration the server made: the only
/// point where a test can wrap what <c>ChatRouterServer.Build</c> registers (its configure hook runs first).
/// </summary>
internal sealed class LastWordServiceProviderFactory(Action<IServiceCollection> changes) : IServiceProviderFactory<IServiceCollection>
{
    public IServiceCollection CreateBuilder(IServiceCollection services)
    {
        changes(services);
        return services;
    }

    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) => containerBuilder.BuildServiceProvider();
}
