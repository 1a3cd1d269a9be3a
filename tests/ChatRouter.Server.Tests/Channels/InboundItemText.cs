using System.Globalization;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Webhooks;

namespace ChatRouter.Server.Tests.Channels;

/// <summary>A parse result as stable one-line-per-item text, for golden files and readable failures.</summary>
internal static class InboundItemText
{
    public static List<string> Lines(WebhookParse parse)
    {
        if (parse.Malformed is { } reason) return ["malformed: " + reason];
        return [.. parse.Items.Select(Line), .. parse.Skipped.Select(s => $"skipped [{s.Label}] {s.What}")];
    }

    public static string Line(InboundItem notification) => notification switch
    {
        MessageItem { Message: var m } =>
            $"message {m.ProviderMessageId} channel={m.Channel} business={m.BusinessNumber} customer={m.CustomerId} others=[{string.Join(", ", m.OtherCustomerIds)}] " +
            $"phone={m.Phone ?? "null"} name={Q(m.ProfileName)} kind={m.Kind} text={Q(m.Text)} reply={Q(m.QuickReplyId)} media={m.MediaType ?? "null"} at={At(m.SentAt)} key={notification.DedupeKey}",
        StatusItem s =>
            $"status {s.ProviderMessageId} {s.Status} channel={s.Channel} at={At(s.At)} recipient={s.RecipientId ?? "null"} errors=[{string.Join("; ", s.Errors.Select(Error))}] key={s.DedupeKey}",
        TemplateStatusItem t =>
            $"template {t.Name} {t.Language} {t.Status} reason={t.Reason ?? "null"} category={t.Category ?? "null"} id={t.TemplateId ?? "null"} at={At(t.At)} key={t.DedupeKey}",
        PreferenceItem p =>
            $"preference {p.CustomerId} {p.Category} {p.Value} channel={p.Channel} at={At(p.At)} key={p.DedupeKey}",
        ProviderErrorItem e =>
            $"error channel={e.Channel} business={e.BusinessNumber} errors=[{string.Join("; ", e.Errors.Select(Error))}] key={e.DedupeKey}",
        _ => notification.ToString(),
    };

    private static string Error(ProviderError error) => $"{error.Code} {Q(error.Title)} {Q(error.Details)}";

    /// <summary>Quoted with only quotes, backslashes and line breaks escaped, so Arabic and emoji stay readable.</summary>
    private static string Q(string? text) => text is null ? "null"
        : "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";

    private static string At(DateTimeOffset? at) => at?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "null";
}
