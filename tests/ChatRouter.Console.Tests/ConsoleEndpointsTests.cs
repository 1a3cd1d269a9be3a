using System.Net;
using System.Text.RegularExpressions;
using ChatRouter.Testing;

namespace ChatRouter.Console.Tests;

/// <summary>How <c>/console/</c> serves its embedded files: types, caching, the content security policy, redirects and 404s.</summary>
public sealed partial class ConsoleEndpointsTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private ServerApp _server = null!;

    public async Task InitializeAsync() => _server = await ServerApp.StartAsync(_folder.File("chatrouter.db"));

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Get_ConsoleWithoutSlash_RedirectsToTheSlash()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_server.Address) };

        using var response = await client.GetAsync("/console");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/console/");
    }

    [Fact]
    public async Task Get_Console_ServesThePageWithAStrictPolicyAndNoCaching()
    {
        using var response = await _server.Http.GetAsync("/console/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
        response.Headers.CacheControl!.NoCache.Should().BeTrue();
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        policy.Should().Contain("default-src 'self'").And.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'");
        policy.Should().NotContain("unsafe-inline").And.NotContain("unsafe-eval");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }

    [Theory]
    [InlineData("console.js", "text/javascript; charset=utf-8")]
    [InlineData("api.js", "text/javascript; charset=utf-8")]
    [InlineData("console.css", "text/css; charset=utf-8")]
    [InlineData("index.html", "text/html; charset=utf-8")]
    public async Task Get_ConsoleFile_HasItsContentType(string file, string contentType)
    {
        using var response = await _server.Http.GetAsync("/console/" + file);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be(contentType);
    }

    [Theory]
    [InlineData("/console/missing.js")]
    [InlineData("/console/Console.js")]
    [InlineData("/console/../appsettings.json")]
    [InlineData("/console/%2e%2e/appsettings.json")]
    public async Task Get_UnknownFile_IsNotFound(string path)
    {
        using var response = await _server.Http.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_SameFileAgain_AnswersNotModifiedToItsETag()
    {
        using var first = await _server.Http.GetAsync("/console/console.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/console/console.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await _server.Http.SendAsync(again);

        second.StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Page_LoadsOnlyItsOwnFilesAndNoInlineScript()
    {
        var html = await _server.Http.GetStringAsync("/console/");
        var modules = new List<string>();
        for (var pending = new Queue<string>(["console.js"]); pending.TryDequeue(out var module);)
        {
            foreach (var import in Import().Matches(await _server.Http.GetStringAsync("/console/" + module)).Select(m => m.Groups["url"].Value.TrimStart('.', '/')))
            {
                if (modules.Contains(import)) continue;
                modules.Add(import);
                pending.Enqueue(import);
            }
        }

        modules.Should().Contain("api.js");
        ScriptTag().Matches(html).Should().NotBeEmpty().And.OnlyContain(m => m.Value.Contains(" src=\"", StringComparison.Ordinal), "the policy allows no inline script");
        var references = Reference().Matches(html).Select(m => m.Groups["url"].Value).Concat(modules).ToList();
        references.Should().NotBeEmpty().And.OnlyContain(url => !url.Contains("//", StringComparison.Ordinal), "nothing comes from another origin");
        foreach (var url in references)
        {
            using var response = await _server.Http.GetAsync("/console/" + url.TrimStart('.', '/'));
            response.StatusCode.Should().Be(HttpStatusCode.OK, url);
        }
    }

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("(?:src|href)=\"(?<url>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();

    [GeneratedRegex("from '(?<url>[^']+)'")]
    private static partial Regex Import();
}
