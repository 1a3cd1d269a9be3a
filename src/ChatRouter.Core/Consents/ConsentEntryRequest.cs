using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ChatRouter.Wire;

namespace ChatRouter.Consents;

/// <summary>
/// The body of <c>POST /api/profiles/{phone}/consent</c> as the caller wrote it: wire strings, checked by
/// <see cref="TryCreate"/> so that a 400 can name every bad field and its allowed values.
/// </summary>
public sealed record ConsentEntryRequest
{
    // A CRM's clock may run a little ahead of ours; an entry further in the future would outrank today's.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary><c>marketing</c> or <c>transactional</c>; required.</summary>
    public string? Purpose { get; init; }

    /// <summary><c>granted</c> or <c>withdrawn</c>; required.</summary>
    public string? Status { get; init; }

    /// <summary>Optional; defaults to <c>consent</c> for marketing and <c>contract</c> for transactional.</summary>
    public string? LawfulBasis { get; init; }

    /// <summary>Optional; defaults to <c>api</c>.</summary>
    public string? Source { get; init; }

    /// <summary>Optional free text.</summary>
    public string? Evidence { get; init; }

    /// <summary>Optional; the server may fill in the API key's name.</summary>
    public string? Actor { get; init; }

    /// <summary>Optional ISO 8601 instant with an offset; defaults to now; at most 5 minutes ahead of now.</summary>
    public string? At { get; init; }

    /// <summary>Checks every field and builds the entry, or lists every problem in <paramref name="errors"/>.</summary>
    public bool TryCreate(DateTimeOffset now, [NotNullWhen(true)] out ConsentEntry? entry, out IReadOnlyList<WireError> errors)
    {
        var problems = new List<WireError>();
        Parse<ConsentPurpose>("purpose", Purpose, problems, out var purpose);
        Parse<ConsentState>("status", Status, problems, out var status);
        var basis = purpose == ConsentPurpose.Marketing ? Consents.LawfulBasis.Consent : Consents.LawfulBasis.Contract;
        if (LawfulBasis is not null)
            Parse("lawfulBasis", LawfulBasis, problems, out basis);
        var source = ConsentSource.Api;
        if (Source is not null)
            Parse("source", Source, problems, out source);
        var at = now;
        if (At is not null && !TryParseInstant(At, now, out at, out var atError))
            problems.Add(new WireError("at", atError));

        errors = problems;
        entry = problems.Count == 0 ? new ConsentEntry(purpose, status, basis, source, Evidence, Actor, at) : null;
        return entry is not null;
    }

    private static void Parse<TEnum>(string field, string? text, List<WireError> problems, out TEnum value) where TEnum : struct, Enum
    {
        if (!WireName.TryParse(field, text, out value, out var error))
            problems.Add(error);
    }

    private static bool TryParseInstant(string text, DateTimeOffset now, out DateTimeOffset at, [NotNullWhen(false)] out string? error)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
        {
            error = $"must be an ISO 8601 instant such as 2026-01-15T12:00:00Z; got '{text}'.";
            return false;
        }

        if (at > now + ClockSkew)
        {
            error = $"must not be in the future; got '{text}'.";
            return false;
        }

        error = null;
        return true;
    }
}
