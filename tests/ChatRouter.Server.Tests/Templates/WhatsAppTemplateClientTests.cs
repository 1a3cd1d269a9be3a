using ChatRouter.Server.Templates;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Templates;

/// <summary>Reading the template list from a loopback Graph API.</summary>
public sealed class WhatsAppTemplateClientTests : IAsyncLifetime
{
    private FakeGraphApi _graph = null!;

    public async Task InitializeAsync() => _graph = await FakeGraphApi.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public async Task List_FivePagesOfTwo_FollowsTheCursorsToTheEnd()
    {
        _graph.Set([.. Enumerable.Range(1, 5).Select(i => FakeGraphApi.Template($"t{i}", "en", quality: "GREEN"))]);
        using var registries = Registries.Open(_graph);

        var listed = await registries.Client.ListAsync(CancellationToken.None);

        listed.Select(t => t.Name).Should().Equal("t1", "t2", "t3", "t4", "t5");
        listed[0].QualityScore.Should().Be("GREEN");
        listed[0].Components.Should().ContainSingle().Which.Text.Should().Be("Hi {{1}}");
        _graph.Requests.Should().HaveCount(3);
        _graph.Requests.Should().AllSatisfy(r => r.Should().Contain("fields=id,name,language,status,category,components,quality_score,rejected_reason"));
        _graph.Requests.Skip(1).Should().AllSatisfy(r => r.Should().Contain("&after="));
    }

    [Fact]
    public async Task List_EmptyAccount_IsAnEmptyList()
    {
        using var registries = Registries.Open(_graph);

        var listed = await registries.Client.ListAsync(CancellationToken.None);

        listed.Should().BeEmpty();
    }

    [Fact]
    public async Task List_WrongToken_IsAConfigurationProblemNamingTheSetting()
    {
        using var registries = Registries.Open(_graph, new Dictionary<string, string?> { ["WhatsApp:AccessToken"] = "stale" });

        var failure = await registries.Client.Invoking(c => c.ListAsync(CancellationToken.None)).Should().ThrowAsync<TemplateSyncException>();

        failure.Which.IsConfiguration.Should().BeTrue();
        failure.Which.Message.Should().Contain("401").And.Contain("190").And.Contain("WhatsApp:AccessToken");
    }

    [Fact]
    public async Task List_NoBusinessAccountId_SaysWhichSettingBeforeCallingMeta()
    {
        using var registries = Registries.Open(_graph, new Dictionary<string, string?> { ["WhatsApp:BusinessAccountId"] = null });

        var failure = await registries.Client.Invoking(c => c.ListAsync(CancellationToken.None)).Should().ThrowAsync<TemplateSyncException>();

        failure.Which.IsConfiguration.Should().BeTrue();
        failure.Which.Message.Should().StartWith("WhatsApp:BusinessAccountId is not set");
        _graph.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData(503, "<html>Service Unavailable</html>", "HTTP 503")]
    [InlineData(200, """{"templates":[]}""", "no \"data\" array")]
    [InlineData(200, """{"data":[{"language":"en","status":"APPROVED"}]}""", "data[0]")]
    [InlineData(200, "not json", "not JSON")]
    public async Task List_ServerErrorOrNotATemplateList_FailsWithWhy(int status, string body, string why)
    {
        _graph.Set(FakeGraphApi.Template("t1", "en"));
        _graph.Failures.Enqueue(FakeReply.Json(status, body));
        using var registries = Registries.Open(_graph);

        var failure = await registries.Client.Invoking(c => c.ListAsync(CancellationToken.None)).Should().ThrowAsync<TemplateSyncException>();

        failure.Which.IsConfiguration.Should().BeFalse();
        failure.Which.Message.Should().Contain(why);
    }

    [Fact]
    public async Task List_Unreachable_FailsWithTheAddress()
    {
        using var registries = Registries.Open(null);

        var failure = await registries.Client.Invoking(c => c.ListAsync(CancellationToken.None)).Should().ThrowAsync<TemplateSyncException>();

        failure.Which.Message.Should().Contain("http://127.0.0.1:9/v24.0");
    }
}
