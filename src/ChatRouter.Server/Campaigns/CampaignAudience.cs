using System.Text.Json;
using ChatRouter.Identity;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Events;

namespace ChatRouter.Server.Campaigns;

/// <summary>
/// A campaign's <c>audience</c>: <c>{"phones": [...]}</c> (any common format, normalised to E.164, duplicates
/// dropped, first occurrence kept) or <c>{"attributes": {"tier": "gold"}}</c> (profiles whose attributes all equal
/// these, compared as text); <c>"region"</c> reads national formats.
/// </summary>
internal sealed record CampaignAudience(IReadOnlyList<string>? Phones, IReadOnlyDictionary<string, string>? Attributes)
{
    private const string Expected = "{\"phones\": [\"+15551234567\", …]} or {\"attributes\": {\"tier\": \"gold\"}}";

    // Enough to fix a list in one round; more would only grow the answer.
    private const int MaxListed = 10;

    public static CampaignAudience? Read(JsonElement body, string defaultRegion, RequestProblems problems)
    {
        if (JsonFields.Property(body, "audience") is not { ValueKind: JsonValueKind.Object } audience)
        {
            problems.Add("audience", "required: whom to send to, " + Expected);
            return null;
        }

        var region = problems.String(audience, "audience", "region", 2, required: false, "an ISO 3166 region such as GB, for national formats") ?? defaultRegion;
        if (!PhoneNumber.IsKnownRegion(region.ToUpperInvariant()))
        {
            problems.Add("audience.region", $"'{region}' is not a region libphonenumber knows; use an ISO 3166 code such as GB or US");
            return null;
        }

        var phones = JsonFields.Property(audience, "phones");
        var attributes = JsonFields.Property(audience, "attributes");
        return (phones, attributes) switch
        {
            ({ } list, null) => ReadPhones(list, region, problems),
            (null, { } filter) => ReadAttributes(filter, problems),
            (null, null) => Problem(problems, "audience", "has neither phones nor attributes: " + Expected),
            _ => Problem(problems, "audience", "has both phones and attributes; give one: " + Expected),
        };
    }

    private static CampaignAudience? ReadPhones(JsonElement list, string region, RequestProblems problems)
    {
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            return Problem(problems, "audience.phones", "must be a non-empty array of phone numbers, e.g. [\"+15551234567\"]");

        var seen = new HashSet<string>(list.GetArrayLength(), StringComparer.Ordinal);
        var phones = new List<string>(list.GetArrayLength());
        var invalid = 0;
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var field = $"audience.phones[{i++}]";
            string why;
            if (item.ValueKind != JsonValueKind.String)
            {
                why = $"a JSON {item.ValueKind.ToString().ToLowerInvariant()}, not a phone number in quotes";
            }
            else if (PhoneNumber.TryParse(JsonFields.StringOf(item), region, out var phone, out var error))
            {
                if (seen.Add(phone.E164)) phones.Add(phone.E164);
                continue;
            }
            else
            {
                why = $"'{Cut(JsonFields.StringOf(item))}': {error} Correct it or remove it from the list.";
            }

            if (++invalid <= MaxListed) problems.Add(field, why);
        }

        if (invalid > MaxListed) problems.Add("audience.phones", $"{invalid} phones are invalid; the first {MaxListed} are listed");
        return invalid > 0 ? null : new CampaignAudience(phones, null);
    }

    private static CampaignAudience? ReadAttributes(JsonElement filter, RequestProblems problems)
    {
        if (filter.ValueKind != JsonValueKind.Object || !filter.EnumerateObject().Any())
            return Problem(problems, "audience.attributes", "must be a non-empty object of attribute values, e.g. {\"tier\": \"gold\"}");

        var before = problems.Count;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in filter.EnumerateObject())
        {
            var field = $"audience.attributes.{Cut(property.Name)}";
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => JsonFields.StringOf(property.Value),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                _ => null,
            };
            if (property.Name.Length is 0 or > EventData.MaxKeyLength) problems.Add(field, $"an attribute name has 1 to {EventData.MaxKeyLength} characters");
            else if (value is null || value.Length > 1000) problems.Add(field, "must be a string, number or boolean of at most 1000 characters (compared as text)");
            else if (!attributes.TryAdd(property.Name, value)) problems.Add(field, "appears twice");
        }

        return problems.Count > before ? null : new CampaignAudience(null, attributes);
    }

    private static CampaignAudience? Problem(RequestProblems problems, string field, string problem)
    {
        problems.Add(field, problem);
        return null;
    }

    private static string Cut(string text) => text.Length <= 40 ? text : text[..(char.IsHighSurrogate(text[39]) ? 39 : 40)] + "…";
}
