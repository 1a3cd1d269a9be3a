using ChatRouter.Identity;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.CustomerProfiles;

/// <summary>
/// A phone given to the API (in a path, URL-encoded, or a body) read in any common format: international
/// (<c>+44 20 7946 0958</c>, <c>0044…</c>) or national for <c>?region=</c> (default <c>Profiles:DefaultRegion</c>).
/// </summary>
internal sealed class PhoneRoute(IOptions<ProfilesOptions> options)
{
    /// <summary>The E.164 form of <paramref name="text"/>, or a 400 naming <paramref name="field"/> (or <c>region</c>) and why.</summary>
    public bool TryRead(string? text, string? region, string field, out string phone, out IResult problem)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var read = TryRead(text, region, field, errors, out phone);
        problem = read ? Results.Empty : Results.ValidationProblem(errors);
        return read;
    }

    /// <summary>The E.164 form of <paramref name="text"/>; otherwise the problem is added to <paramref name="errors"/> under <paramref name="field"/> (or <c>region</c>).</summary>
    public bool TryRead(string? text, string? region, string field, Dictionary<string, string[]> errors, out string phone)
    {
        phone = "";
        var regionCode = string.IsNullOrWhiteSpace(region) ? options.Value.DefaultRegion : region.Trim();
        if (!PhoneNumber.IsKnownRegion(regionCode.ToUpperInvariant()))
        {
            errors["region"] = [$"'{region}' is not a region libphonenumber knows; use an ISO 3166 code such as GB or US."];
            return false;
        }

        if (!PhoneNumber.TryParse(text, regionCode, out var parsed, out var error)
            // 00 is the international prefix of most of the world, though not of US (011): 0044… means +44… to a CRM anywhere.
            && !(text?.TrimStart() is ['0', '0', .. var rest] && PhoneNumber.TryParse("+" + rest, regionCode, out parsed, out _)))
        {
            errors[field] = [error + " Give an international number such as +44 20 7946 0958, or a national one with ?region=GB."];
            return false;
        }

        phone = parsed.E164;
        return true;
    }

    public static IResult Problem(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>404 for a phone no profile has.</summary>
    public static IResult Unknown(string phone, string? field = null) => Results.NotFound(new
    {
        reason = "not_found",
        field,
        message = $"No customer has the phone {phone}; PUT /api/profiles/{Uri.EscapeDataString(phone)} creates one.",
    });
}
