using ChatRouter.Flows;
using ChatRouter.Outbox;
using ChatRouter.Routing;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChatRouter.Server.Downgrades;

/// <summary>
/// What data annotations cannot say: a mode that sends email needs <c>Downgrade:Email:Host</c>, a valid
/// <c>Downgrade:Email:From</c> and the email texts in <c>flows/_shared</c>; one that sends tickets needs an
/// http(s) <c>Downgrade:Ticket:Url</c>. Every problem is listed at start.
/// </summary>
internal sealed class DowngradeOptionsValidator(FlowSource flows, IOptions<RoutingOptions> routing) : IValidateOptions<DowngradeOptions>
{
    public ValidateOptionsResult Validate(string? name, DowngradeOptions options)
    {
        var problems = new List<string>();
        var modes = options.Modes.ToHashSet();
        if (modes.Contains(DowngradeMode.Email) || modes.Contains(DowngradeMode.Both))
        {
            if (string.IsNullOrWhiteSpace(options.Email.Host)) problems.Add("Downgrade:Email:Host is not set; a Downgrade mode sends email, so name the SMTP server");
            if (string.IsNullOrWhiteSpace(options.Email.From) || !MailboxAddress.TryParse(options.Email.From, out _))
                problems.Add($"Downgrade:Email:From '{options.Email.From}' is not an email address; set it to e.g. support@example.com");
            problems.AddRange(DowngradeTexts.Check(flows.Current, routing.Value.DefaultLocale));
        }

        if ((modes.Contains(DowngradeMode.Ticket) || modes.Contains(DowngradeMode.Both)) && !IsHttpUrl(options.Ticket.Url))
            problems.Add($"Downgrade:Ticket:Url '{options.Ticket.Url}' is not an http(s) URL; a Downgrade mode sends tickets, so set the helpdesk's endpoint");
        if (options.Ticket.Url is { Length: > 0 } url && !IsHttpUrl(url))
            problems.Add($"Downgrade:Ticket:Url '{url}' is not an http(s) URL");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Distinct(StringComparer.Ordinal));
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
