using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Webhooks;

namespace ChatRouter.Server.Channels.WhatsApp;

/// <summary>
/// Turns a Cloud API webhook body into inbox items. Only a body that is not a WhatsApp notification at all is
/// malformed (HTTP 400); an odd item inside a good envelope is skipped with its path and reason, so one message
/// Meta shapes differently never costs the others in the batch.
/// </summary>
internal static partial class WhatsAppWebhookParser
{
    public const string Channel = "whatsapp";

    /// <summary>Meta batches at most 1,000 updates (messages and statuses) in one POST (whatsapp.md §1.3).</summary>
    public const int MaxUpdates = 1000;

    /// <param name="root">The notification.</param>
    /// <param name="servedNumbers">The phone_number_ids this server answers for; null for all.</param>
    public static WebhookParse Parse(JsonElement root, IReadOnlySet<string>? servedNumbers = null)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return WebhookParse.Invalid($"The body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object; a WhatsApp notification is an object with \"object\": \"whatsapp_business_account\".");
        var kind = JsonFields.String(root, "object");
        if (kind != "whatsapp_business_account")
            return WebhookParse.Invalid($"\"object\" is {(kind is null ? "missing" : $"'{kind}'")}; a WhatsApp notification says \"whatsapp_business_account\".");
        if (JsonFields.Property(root, "entry") is not { ValueKind: JsonValueKind.Array } entries)
            return WebhookParse.Invalid("\"entry\" is missing or not an array; a WhatsApp notification carries its items in entry[].changes[].");

        if (CountUpdates(entries) is var updates and > MaxUpdates)
            return WebhookParse.Invalid($"the notification carries {updates} messages and statuses; Meta sends at most {MaxUpdates} in one POST, so this is not from Meta.");

        var results = new Results(servedNumbers);
        var e = 0;
        foreach (var entry in entries.EnumerateArray())
            ParseEntry(entry, $"entry[{e++}]", results);
        return new WebhookParse(results.Items, results.Skipped);
    }

    private static void ParseEntry(JsonElement entry, string path, Results results)
    {
        if (entry.ValueKind != JsonValueKind.Object || JsonFields.Property(entry, "changes") is not { ValueKind: JsonValueKind.Array } changes)
        {
            results.Skip(SkipReason.MalformedItem, path, "not an object with a changes[] array");
            return;
        }

        var c = 0;
        foreach (var change in changes.EnumerateArray())
        {
            var at = $"{path}.changes[{c++}]";
            var field = JsonFields.String(change, "field");
            if (JsonFields.Object(change, "value") is not { } value)
            {
                results.Skip(SkipReason.MalformedItem, at, $"field '{field}' has no value object");
                continue;
            }

            switch (field)
            {
                case "messages":
                    ParseMessagesValue(value, entry, at, results);
                    break;
                case "message_template_status_update":
                    ParseTemplateStatus(value, JsonFields.UnixTime(entry, "time"), at, results);
                    break;
                case "user_preferences":
                    ParsePreferences(value, at, results);
                    break;
                case "message_template_quality_update" or "template_category_update" or "message_template_components_update":
                    results.Skip(SkipReason.UnknownType, at, $"field '{field}' is not handled: whatsapp.md names it but not its shape; the template sync reads quality, category and components from the Graph API instead");
                    break;
                default:
                    if (field is null) results.Skip(SkipReason.MalformedItem, at, "change without a field name");
                    else results.Skip(SkipReason.UnknownType, at, $"field '{field}' is not handled");
                    break;
            }
        }
    }

    private static int CountUpdates(JsonElement entries)
    {
        var count = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            if (JsonFields.Property(entry, "changes") is not { ValueKind: JsonValueKind.Array } changes) continue;
            foreach (var change in changes.EnumerateArray())
            {
                if (JsonFields.Object(change, "value") is not { } value) continue;
                if (JsonFields.Property(value, "messages") is { ValueKind: JsonValueKind.Array } messages) count += messages.GetArrayLength();
                if (JsonFields.Property(value, "statuses") is { ValueKind: JsonValueKind.Array } statuses) count += statuses.GetArrayLength();
            }
        }

        return count;
    }

    private static void ParseMessagesValue(JsonElement value, JsonElement entry, string path, Results results)
    {
        var metadata = JsonFields.Object(value, "metadata");
        var business = metadata is { } m1 ? JsonFields.Scalar(m1, "phone_number_id") : null;
        if (business is not null && !GraphId().IsMatch(business))
        {
            // It names the conversation (and its stored key): a million characters there failed every turn.
            results.Skip(SkipReason.MalformedItem, path, $"metadata.phone_number_id of {business.Length} characters is not a Graph id (digits)");
            return;
        }

        if (business is not null && results.ServedNumbers is { } served && !served.Contains(business))
        {
            results.Skip(SkipReason.OtherNumber, path, $"business number {business} is not one this server serves (WhatsApp:BusinessNumbers); add it there to answer it");
            return;
        }

        var own = new BusinessIds(business, metadata is { } m2 ? JsonFields.Scalar(m2, "display_phone_number") : null);
        var contacts = new Contacts(JsonFields.Objects(value, "contacts"));
        ForEachObject(value, "messages", path, results, (message, at) => ParseMessage(message, contacts, own, at, results));
        ForEachObject(value, "statuses", path, results, (status, at) => ParseStatus(status, at, results));

        var errors = ReadErrors(value);
        if (errors.Count > 0)
            results.Add(new ProviderErrorItem(Channel, business ?? "", errors, ErrorKey(value, business ?? JsonFields.Scalar(entry, "id"))));

        if (!JsonFields.HasArray(value, "messages") && !JsonFields.HasArray(value, "statuses") && !JsonFields.HasArray(value, "errors"))
            results.Skip(SkipReason.MalformedItem, path, "a messages change with no messages[], statuses[] or errors[]");
    }

    private static void ParseStatus(JsonElement status, string path, Results results)
    {
        if (JsonFields.Text(status, "id") is not { } id)
        {
            results.Skip(SkipReason.MalformedItem, path, "status without an id");
            return;
        }

        var name = JsonFields.String(status, "status");
        DeliveryStatus? mapped = name switch
        {
            "sent" => DeliveryStatus.Sent,
            "delivered" => DeliveryStatus.Delivered,
            // "played" is the first playback of a voice note: read, as far as the outbox is concerned
            "read" or "played" => DeliveryStatus.Read,
            "failed" => DeliveryStatus.Failed,
            _ => null,
        };
        if (mapped is not { } known)
        {
            results.Skip(SkipReason.UnknownType, path, $"status '{name}' of {id} is not one of sent, delivered, read, played, failed");
            return;
        }

        // The BSUID first, as for customer ids; which recipient field carries it is unconfirmed.
        var recipient = JsonFields.Text(status, "recipient_user_id") ?? JsonFields.Scalar(status, "recipient_id");
        var errors = ReadErrors(status);
        var failure = known == DeliveryStatus.Failed && errors.Count > 0 ? WhatsAppSendResults.FailureFor(errors[0].Code) : null;
        results.Add(new StatusItem(Channel, id, known, JsonFields.UnixTime(status, "timestamp"), recipient, errors, failure));
    }

    private static void ParseTemplateStatus(JsonElement value, DateTimeOffset? at, string path, Results results)
    {
        var name = JsonFields.Text(value, "message_template_name");
        var language = JsonFields.Text(value, "message_template_language");
        var status = JsonFields.Text(value, "event");
        if (name is null || language is null || status is null)
        {
            results.Skip(SkipReason.MalformedItem, path, "template status update without message_template_name, message_template_language or event");
            return;
        }

        results.Add(new TemplateStatusItem(
            name,
            language,
            status,
            TemplateReason(value),
            JsonFields.Text(value, "message_template_category"),
            JsonFields.Scalar(value, "message_template_id"),
            at));
    }

    /// <summary>
    /// Meta's <c>reason</c> (<c>NONE</c> is none), else <c>other_info.title</c> (a pause: FIRST_PAUSE …), with
    /// <c>rejection_info.recommendation</c>, <c>other_info.description</c> or <c>disable_info.disable_date</c> after a colon.
    /// </summary>
    private static string? TemplateReason(JsonElement value)
    {
        var reason = JsonFields.Text(value, "reason") is { } r && r != "NONE" ? r : null;
        var other = JsonFields.Object(value, "other_info");
        reason ??= other is { } o ? JsonFields.Text(o, "title") : null;
        var detail = (JsonFields.Object(value, "rejection_info") is { } rejection ? JsonFields.Text(rejection, "recommendation") : null)
            ?? (other is { } d ? JsonFields.Text(d, "description") : null)
            ?? (JsonFields.Object(value, "disable_info") is { } disable ? JsonFields.Scalar(disable, "disable_date") : null);
        return detail is null ? reason ?? JsonFields.Text(value, "reason") : $"{reason ?? "NONE"}: {detail}";
    }

    private static void ParsePreferences(JsonElement value, string path, Results results)
    {
        if (!JsonFields.HasArray(value, "user_preferences")) results.Skip(SkipReason.MalformedItem, path, "user_preferences change without user_preferences[]");
        ForEachObject(value, "user_preferences", path, results, (preference, at) =>
        {
            var customer = JsonFields.Text(preference, "user_id") ?? JsonFields.Scalar(preference, "wa_id");
            var category = JsonFields.Text(preference, "category");
            var choice = JsonFields.String(preference, "value");
            if (customer is null || category is null || choice is not ("stop" or "resume"))
                results.Skip(SkipReason.MalformedItem, at, $"preference needs wa_id or user_id, a category and value stop or resume (value was '{choice}')");
            else
                results.Add(new PreferenceItem(Channel, customer, category, choice, JsonFields.UnixTime(preference, "timestamp")));
        });
    }

    /// <summary>Runs <paramref name="parse"/> on each object of the array; anything else in it is skipped with its path.</summary>
    private static void ForEachObject(JsonElement parent, string name, string path, Results results, Action<JsonElement, string> parse)
    {
        if (JsonFields.Property(parent, name) is not { ValueKind: JsonValueKind.Array } items) return;
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            var at = $"{path}.{name}[{i++}]";
            if (item.ValueKind == JsonValueKind.Object) parse(item, at);
            else results.Skip(SkipReason.MalformedItem, at, $"a JSON {item.ValueKind.ToString().ToLowerInvariant()}, not an object");
        }
    }

    /// <summary>Error objects (<c>code</c>, <c>title</c> or <c>message</c>, <c>error_data.details</c>); ones without a numeric code are left out.</summary>
    private static List<ProviderError> ReadErrors(JsonElement parent)
    {
        var errors = new List<ProviderError>();
        foreach (var error in JsonFields.Objects(parent, "errors"))
        {
            if (JsonFields.Integer(error, "code") is not { } code || code is < int.MinValue or > int.MaxValue) continue;
            var title = JsonFields.Text(error, "title") ?? JsonFields.Text(error, "message") ?? $"error {code}";
            var details = JsonFields.Object(error, "error_data") is { } data ? JsonFields.Text(data, "details") : null;
            errors.Add(new ProviderError((int)code, title, details));
        }

        return errors;
    }

    /// <summary>
    /// value.errors[] carry no id or time, so the key is a hash of the value as Meta wrote it: a retried delivery
    /// (same bytes) dedupes, a new occurrence with another metadata or wording does not.
    /// </summary>
    private static string ErrorKey(JsonElement value, string? owner)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(value.GetRawText()));
        return $"{owner}:{Convert.ToHexStringLower(hash.AsSpan(0, 8))}";
    }

    [GeneratedRegex("^[0-9]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex GraphId();

    private sealed class Results(IReadOnlySet<string>? servedNumbers)
    {
        public IReadOnlySet<string>? ServedNumbers => servedNumbers;

        public List<InboundItem> Items { get; } = [];

        public List<WebhookSkip> Skipped { get; } = [];

        public void Add(InboundItem notification) => Items.Add(notification);

        public void Skip(SkipReason reason, string path, string what) => Skipped.Add(new WebhookSkip(reason, $"{path}: {what}"));
    }
}
