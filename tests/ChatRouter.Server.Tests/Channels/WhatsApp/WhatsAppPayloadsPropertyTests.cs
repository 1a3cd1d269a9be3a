using System.Text.Json;
using ChatRouter.Messaging;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChatRouter.Server.Tests.Channels.WhatsApp;

/// <summary>
/// Whatever a flow renders (long titles, emoji, flags, Arabic, blanks, repeated or huge ids), the body we build is
/// one Meta takes: checked against the fake API's independent copy of the §1.9 rules, plus well-formed UTF-16.
/// </summary>
public sealed class WhatsAppPayloadsPropertyTests
{
    private static readonly Gen<string> Piece = Gen.Elements(
        "a", "Z", " ", "é", "ü", "😀", "👍🏽", "🇧🇷", "👨‍👩‍👧", "ع", "ش", "中", "\u200f", "-", "\n", "Order ", "https://x.io ", "مرحبا ");

    [Property(MaxTest = 300)]
    public Property Build_AnyReply_StaysWithinMetaLimits() =>
        Prop.ForAll(Replies().ToArbitrary(), message =>
        {
            var body = WhatsAppPayloads.Build(new OutboundRequest("106540352242922", "16505551234", message, null, "outbox-1"));

            using var document = JsonDocument.Parse(body);
            FakeWhatsAppApi.FindViolation(document.RootElement).Should().BeNull();
            WellFormed(document.RootElement).Should().BeTrue("no surrogate pair may be cut in half");
        });

    [Property(MaxTest = 200)]
    public Property Build_ButtonsOfRepeatedLongTitles_AreAlwaysDistinct() =>
        Prop.ForAll(Text(40).ToArbitrary(), Gen.Choose(1, 3).ToArbitrary(), (title, count) =>
        {
            var options = Enumerable.Range(0, count).Select(i => new QuickReply($"id{i}", title)).ToArray();

            var body = WhatsAppPayloads.Build(new OutboundRequest("1", "16505551234", new OutboundMessage { Text = "Pick", Locale = "en", QuickReplies = options }, null, "r"));

            using var document = JsonDocument.Parse(body);
            FakeWhatsAppApi.FindViolation(document.RootElement).Should().BeNull();
        });

    private static Gen<string> Text(int maxPieces) =>
        from count in Gen.Choose(0, maxPieces)
        from pieces in Piece.ArrayOf(count)
        select string.Concat(pieces);

    private static Gen<string> Id() => Gen.OneOf(
        Text(6),
        Gen.Elements("track", "agent", "x", ""),
        Gen.Choose(150, 300).Select(n => new string('i', n)));

    private static Gen<QuickReply> Option() =>
        from id in Id()
        from title in Text(30)
        from description in Text(40).OrNull()
        from section in Gen.Elements("s1", "s2", "s3", "unknown").OrNull()
        select new QuickReply(id, title, description, section);

    private static Gen<OutboundMessage> Replies() =>
        from text in Gen.OneOf(Text(30), Gen.Choose(1000, 5000).Select(n => new string('t', n - 1) + "😀"))
        from count in Gen.Choose(0, 14)
        from options in Option().ArrayOf(count)
        from button in Text(30).OrNull()
        from titles in Text(30).ArrayOf(3)
        select new OutboundMessage
        {
            Text = text,
            Locale = "en",
            QuickReplies = options,
            ListButton = button,
            Sections = [new QuickReplySection("s1", titles[0]), new QuickReplySection("s2", titles[1]), new QuickReplySection("s3", titles[2])],
        };

    private static bool WellFormed(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().All(p => WellFormed(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().All(WellFormed),
        JsonValueKind.String => IsWellFormed(element.GetString()!),
        _ => true,
    };

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[++i]))) return false;
            if (char.IsLowSurrogate(text[i]) && (i == 0 || !char.IsHighSurrogate(text[i - 1]))) return false;
        }

        return true;
    }
}
