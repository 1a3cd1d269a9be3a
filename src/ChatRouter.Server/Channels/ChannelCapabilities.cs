namespace ChatRouter.Server.Channels;

/// <summary>What a channel can show; where it has no buttons, quick replies become a numbered text menu.</summary>
internal sealed record ChannelCapabilities(bool ReplyButtons, bool Lists, bool MessageTemplates, bool ServiceWindow);
