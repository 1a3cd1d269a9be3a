using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Review;
using ChatRouter.Server.Tests.Security;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Server.Tests.Review;

/// <summary><c>GET /api/review</c> and <c>POST /api/review/{id}/label</c>: labels land in train-data/&lt;locale&gt;.tsv, recorded.</summary>
public sealed class ReviewApiTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private ServerApp _server = null!;

    private string TrainData => _directory.File("train-data");

    private IReviewStore Store => _server.Services.GetRequiredService<IReviewStore>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(TrainData);
        await File.WriteAllTextAsync(Path.Combine(TrainData, "en.tsv"), "text\tintent\nwhere is my order\torder_status\nhi\tgreeting\ncancel it\tcancel_order");
        var settings = RolesTests.Keys();
        settings["Review:TrainDataPath"] = TrainData;
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), settings: settings);
        await Store.AddAsync([Item("r1", "is [id] coming?"), Item("r2", "qué tal", "es"), Item("r3", "hello there")], CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    private static ReviewItem Item(string id, string text, string locale = "en") => new()
    {
        // Now, not Some.Instant: the purge at start removes items older than Retention:Review.
        Id = id, At = TimeProvider.System.GetUtcNow(), CustomerId = "p1", ConversationId = "c1", Text = text, Locale = locale, Flow = "orders", State = "ask",
        Reason = ReviewReasons.Clarify, Intent = "order_status", Confidence = 0.42,
        Top = [new ReviewScore { Intent = "order_status", Confidence = 0.42 }, new ReviewScore { Intent = "greeting", Confidence = 0.2 }],
    };

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, JsonNode? body = null, string key = RolesTests.TrainerKey)
    {
        var response = await _server.SendAsync(method, path, key, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Label_AKnownIntent_AppendsTheRow_RecordsWhoAndWhen_AndASecondLabelIs409()
    {
        var (listed, list) = await SendAsync(HttpMethod.Get, "/api/review?locale=en");

        var (status, labelled) = await SendAsync(HttpMethod.Post, "/api/review/r1/label", new JsonObject { ["intent"] = "order_status" });
        var (again, problem) = await SendAsync(HttpMethod.Post, "/api/review/r1/label", new JsonObject { ["intent"] = "greeting" });
        var (_, after) = await SendAsync(HttpMethod.Get, "/api/review?locale=en");

        listed.Should().Be(HttpStatusCode.OK);
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Equal("r1", "r3");
        var first = list.GetProperty("items")[0];
        (first.GetProperty("text").GetString(), first.GetProperty("top")[1].GetProperty("intent").GetString(), first.GetProperty("status").GetString())
            .Should().Be(("is [id] coming?", "greeting", "pending"));
        first.TryGetProperty("customerId", out _).Should().BeFalse("trainers label text, not people");
        status.Should().Be(HttpStatusCode.OK);
        labelled.GetProperty("item").GetProperty("status").GetString().Should().Be("labelled");
        (await File.ReadAllLinesAsync(Path.Combine(TrainData, "en.tsv"))).Should().EndWith(["cancel it\tcancel_order", "is [id] coming?\torder_status"]);
        again.Should().Be(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().Should().Contain("Tom Trainer");
        after.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Equal("r3");
        (await Store.ChangesAsync("r1", CancellationToken.None)).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { ItemId = "r1", Action = ReviewActions.Label, Intent = "order_status", By = "Tom Trainer", Locale = "en" });
    }

    [Fact]
    public async Task Label_AnUnknownIntent_Is400WithTheClosest_AndNothingIsWritten()
    {
        var before = await File.ReadAllTextAsync(Path.Combine(TrainData, "en.tsv"));

        var (status, problem) = await SendAsync(HttpMethod.Post, "/api/review/r1/label", new JsonObject { ["intent"] = "ordr_status" });

        status.Should().Be(HttpStatusCode.BadRequest);
        problem.GetProperty("closest").EnumerateArray().Select(c => c.GetString()).Should().StartWith("order_status").And.Contain("cancel_order");
        problem.GetProperty("errors").GetProperty("intent")[0].GetString().Should().Contain("'ordr_status'").And.Contain("oos");
        (await File.ReadAllTextAsync(Path.Combine(TrainData, "en.tsv"))).Should().Be(before);
        (await Store.FindAsync("r1", CancellationToken.None))!.Status.Should().Be(ReviewStatus.Pending);
    }

    [Fact]
    public async Task Label_OosInALocaleWithoutAFile_CreatesItWithTheHeader()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/api/review/r2/label", new JsonObject { ["intent"] = "oos" }, ServerApp.AdminKey);

        status.Should().Be(HttpStatusCode.OK);
        body.GetProperty("file").GetString().Should().Be(Path.Combine(TrainData, "es.tsv"));
        (await File.ReadAllTextAsync(Path.Combine(TrainData, "es.tsv"))).Should().Be("text\tintent\nqué tal\toos\n");
    }

    [Fact]
    public async Task Skip_MarksTheItemSkipped_BadBodiesAre400_AnUnknownItem404()
    {
        var (skipped, body) = await SendAsync(HttpMethod.Post, "/api/review/r3/label", new JsonObject { ["skip"] = true });
        var (listed, list) = await SendAsync(HttpMethod.Get, "/api/review?status=skipped");
        var (both, _) = await SendAsync(HttpMethod.Post, "/api/review/r1/label", new JsonObject { ["intent"] = "greeting", ["skip"] = true });
        var (none, noneProblem) = await SendAsync(HttpMethod.Post, "/api/review/r1/label", new JsonObject());
        var (typo, typoProblem) = await SendAsync(HttpMethod.Post, "/api/review/r1/label", new JsonObject { ["Intent"] = "greeting" });
        var (badStatus, _) = await SendAsync(HttpMethod.Get, "/api/review?status=done");
        var (missing, _) = await SendAsync(HttpMethod.Post, "/api/review/nope/label", new JsonObject { ["intent"] = "greeting" });

        (skipped, body.GetProperty("item").GetProperty("status").GetString()).Should().Be((HttpStatusCode.OK, "skipped"));
        (listed, list.GetProperty("items").GetArrayLength()).Should().Be((HttpStatusCode.OK, 1));
        (both, none, typo, badStatus, missing).Should().Be((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound));
        noneProblem.GetProperty("errors").GetProperty("body")[0].GetString().Should().Contain("{\"skip\":true}");
        typoProblem.GetProperty("errors").GetProperty("Intent")[0].GetString().Should().Contain("did you mean 'intent'");
    }
}
