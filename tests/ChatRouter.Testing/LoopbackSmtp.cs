using System.Net;
using System.Text;
using MimeKit;
using netDumbster.smtp;

namespace ChatRouter.Testing;

/// <summary>A real SMTP server on 127.0.0.1 (netDumbster) keeping what it receives, parsed with MimeKit (R21).</summary>
public sealed class LoopbackSmtp : IDisposable
{
    private readonly SimpleSmtpServer _server = Configuration.Configure().WithAddress(IPAddress.Loopback).Build();

    public string Host => "127.0.0.1";

    public int Port => _server.Configuration.Port;

    /// <summary>The settings that point the email downgrade at this server (no TLS, no login).</summary>
    public IDictionary<string, string?> Settings(string from = "Support <support@shop.example>") => new Dictionary<string, string?>
    {
        ["Downgrade:Email:Host"] = Host,
        ["Downgrade:Email:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Downgrade:Email:UseTls"] = "false",
        ["Downgrade:Email:From"] = from,
    };

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Received =>
        [.. _server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))];

    public void Dispose() => _server.Dispose();
}
