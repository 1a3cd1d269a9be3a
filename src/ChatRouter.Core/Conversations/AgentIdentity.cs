namespace ChatRouter.Conversations;

/// <summary>
/// Who acts for the business in a conversation: <paramref name="Id"/> identifies the credential (an API key's
/// digest) and is what a claim is held by; <paramref name="Name"/> is what people see. Two keys with one name
/// are two agents, and neither can act on the other's claim.
/// </summary>
public sealed record AgentIdentity(string Id, string Name);
