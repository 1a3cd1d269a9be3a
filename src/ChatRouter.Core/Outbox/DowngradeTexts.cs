using ChatRouter.Flows;
using ChatRouter.Profiles;
using ChatRouter.Replies;
using ChatRouter.Text;
using Scriban.Runtime;

namespace ChatRouter.Outbox;

/// <summary>
/// The email a downgrade sends the customer: reply templates <c>downgrade.email_subject</c> and
/// <c>downgrade.email_body</c> in <c>flows/_shared/&lt;locale&gt;.json</c>, taken from the first locale of the
/// downgrade's locale chain that has both. They see <c>customer</c> (<c>name</c>, <c>first_name</c>, <c>phone</c>,
/// <c>email</c>, <c>locale</c>), <c>downgrade</c> (<c>id</c>, <c>text</c>, <c>reason</c> as a code, <c>detail</c>,
/// <c>conversation_id</c>, <c>at</c>, <c>link</c>) and <c>locale</c>.
/// </summary>
public static class DowngradeTexts
{
    /// <summary>The subject's reply-template key.</summary>
    public const string SubjectKey = "downgrade.email_subject";

    /// <summary>The body's reply-template key.</summary>
    public const string BodyKey = "downgrade.email_body";

    /// <summary>The email for <paramref name="downgrade"/>, or null when no locale of its chain has both texts.</summary>
    /// <exception cref="InvalidOperationException">A text fails to render (its message names the key and locale).</exception>
    public static DowngradeEmail? RenderEmail(FlowCatalog catalog, DowngradeRecord downgrade, CustomerProfile? profile, string email, string? link, string defaultLocale)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(downgrade);
        var shared = catalog.Shared;
        foreach (var candidate in Locales.Chain(downgrade.Locale, defaultLocale, shared.Locales))
        {
            if (Locales.Find(candidate, shared.Locales) is not { } locale
                || shared.Find(locale, SubjectKey) is not { } subject || shared.Find(locale, BodyKey) is not { } body) continue;
            var model = Model(downgrade, profile, email, link, locale);
            return new DowngradeEmail(Render(subject, model, locale).ReplaceLineEndings(" ").Trim(), Render(body, model, locale).Trim(), locale);
        }

        return null;
    }

    /// <summary>
    /// What keeps the email from being sent, one problem per line: no locale of <paramref name="defaultLocale"/>'s
    /// chain has both texts, or a locale's text does not render with sample values. Empty when all is well.
    /// </summary>
    public static IReadOnlyList<string> Check(FlowCatalog catalog, string defaultLocale)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var shared = catalog.Shared;
        var problems = new List<string>();
        foreach (var locale in shared.Locales.Order(StringComparer.Ordinal))
        {
            foreach (var template in new[] { shared.Find(locale, SubjectKey), shared.Find(locale, BodyKey) }.OfType<ReplyTemplate>())
            {
                try
                {
                    Render(template, Model(Sample(locale), new CustomerProfile { Name = "Alexandra Silva", Phone = "+15550100" }, "alexandra@example.com", "https://example.com/c/1", locale), locale);
                }
                catch (InvalidOperationException e)
                {
                    problems.Add($"{template.Path}:{template.At.Line}:{template.At.Column}: {e.Message}");
                }
            }
        }

        if (problems.Count == 0 && RenderEmail(catalog, Sample(defaultLocale), null, "alexandra@example.com", null, defaultLocale) is null)
            problems.Add($"{Path.Combine(catalog.Directory, FlowLoader.SharedFolderName, defaultLocale + ".json")}: no locale of '{defaultLocale}' has both '{SubjectKey}' and '{BodyKey}'; add them (the email downgrade renders them)");
        return problems;
    }

    private static DowngradeRecord Sample(string locale) => new()
    {
        Id = "sample",
        ConversationId = "whatsapp:1:2",
        Reason = DowngradeReasons.WindowLapsed,
        Text = "Your order A1001 shipped.",
        Locale = locale,
        At = new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero),
    };

    private static ScriptObject Model(DowngradeRecord downgrade, CustomerProfile? profile, string email, string? link, string locale) => new()
    {
        ["customer"] = new ScriptObject
        {
            ["name"] = profile?.Name,
            ["first_name"] = profile?.Name?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(),
            ["phone"] = profile?.Phone,
            ["email"] = email,
            ["locale"] = locale,
        },
        ["downgrade"] = new ScriptObject
        {
            ["id"] = downgrade.Id,
            ["text"] = downgrade.Text,
            ["reason"] = DowngradeReasons.Code(downgrade.Reason),
            ["detail"] = downgrade.Reason,
            ["conversation_id"] = downgrade.ConversationId,
            ["at"] = downgrade.At,
            ["link"] = link,
        },
        ["locale"] = locale,
    };

    private static string Render(ReplyTemplate template, ScriptObject model, string locale)
    {
        using var scope = ScriptContextPool.Rent(model, Locales.Culture(locale));
        try
        {
            return scope.Render(template.Template);
        }
        catch (Exception e) when (e is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException or FormatException or InvalidCastException or ArgumentException)
        {
            throw new InvalidOperationException($"reply template '{template.Key}' ({locale}) does not render: {e.Message}", e);
        }
    }
}

/// <summary>A rendered downgrade email.</summary>
/// <param name="Subject">One line.</param>
/// <param name="Body">Plain text.</param>
/// <param name="Locale">The locale whose texts were used.</param>
public sealed record DowngradeEmail(string Subject, string Body, string Locale);
