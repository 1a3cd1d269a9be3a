using System.Net.Sockets;
using ChatRouter.Flows;
using ChatRouter.Outbox;
using ChatRouter.Profiles;
using ChatRouter.Routing;
using ChatRouter.Server.Channels;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChatRouter.Server.Downgrades;

/// <summary>
/// Emails the customer (profile attribute <c>email</c>) through <c>Downgrade:Email</c>'s SMTP server with MailKit:
/// subject and body from the reply templates <c>downgrade.email_subject</c> and <c>downgrade.email_body</c> in the
/// customer's locale. The Message-Id is derived from the downgrade's id, so a resend after a crash is the same
/// message to mail systems that dedupe.
/// </summary>
internal sealed class EmailConnector(FlowSource flows, IOptionsMonitor<DowngradeOptions> options, IOptions<RoutingOptions> routing) : IDowngradeConnector
{
    public string Name => DurableDowngrade.Email;

    public async Task<SendResult> DeliverAsync(DowngradeRecord downgrade, CustomerProfile? profile, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (DowngradeContact.EmailOf(profile) is not { } to) return new SendFailed(null, "the customer's profile has no email (any more)", SendFailure.Permanent);
        DowngradeEmail? email;
        try
        {
            email = DowngradeTexts.RenderEmail(flows.Current, downgrade, profile, to, DowngradeContact.LinkOf(settings, downgrade), routing.Value.DefaultLocale);
        }
        catch (InvalidOperationException e)
        {
            return new SendFailed(null, e.Message, SendFailure.Configuration);
        }

        if (email is null) return new SendFailed(null, $"no locale of '{downgrade.Locale}' has the reply templates {DowngradeTexts.SubjectKey} and {DowngradeTexts.BodyKey}", SendFailure.Configuration);
        if (settings.Email.Host is null || settings.Email.From is null || !MailboxAddress.TryParse(settings.Email.From, out var from))
            return new SendFailed(null, "Downgrade:Email:Host and Downgrade:Email:From must be set to send email", SendFailure.Configuration);
        var message = new MimeMessage { Subject = email.Subject, Body = new TextPart("plain") { Text = email.Body }, MessageId = $"{downgrade.Id}@chatrouter" };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(to));
        message.Headers.Add("Content-Language", email.Locale);
        return await SendAsync(message, settings.Email.Host, settings.Email, cancellationToken);
    }

    private static async Task<SendResult> SendAsync(MimeMessage message, string host, DowngradeEmailOptions settings, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        var security = !settings.UseTls ? SecureSocketOptions.None : settings.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        try
        {
            await client.ConnectAsync(host, settings.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.User)) await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return new SendAccepted(message.MessageId ?? "");
        }
        catch (AuthenticationException e)
        {
            return new SendFailed(null, $"the SMTP server refused the login ({e.Message}); check Downgrade:Email:User and Downgrade:Email:Password", SendFailure.Configuration);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            return new SendFailed((int)e.StatusCode, $"the SMTP server refused the message: {(int)e.StatusCode} {e.Message}", SendFailure.Permanent);
        }
        catch (SmtpCommandException e)
        {
            return new SendRetry((int)e.StatusCode, $"the SMTP server deferred the message: {(int)e.StatusCode} {e.Message}");
        }
        catch (Exception e) when (e is SmtpProtocolException or SocketException or IOException or TimeoutException or SslHandshakeException or ServiceNotConnectedException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new SendRetry(null, $"cannot talk to the SMTP server {host}:{settings.Port}: {e.Message}", Cause: RetryCause.Connection);
        }
    }
}
