using System.Collections.Concurrent;

namespace ChatRouter.Server.Channels.UltraMsg;

/// <summary>
/// The other UltraMsg instances whose events this server has skipped: each is reported once, not once per event
/// (an instance can send thousands). One per server, so every host in a process reports its own; bounded, because
/// the instance id comes from the request and a caller with the secret could invent endless ones (the
/// <c>other_instance</c> metric still counts every skipped event).
/// </summary>
internal sealed class ForeignInstances
{
    private const int MaxReported = 100;
    private readonly ConcurrentDictionary<string, bool> _reported = new(StringComparer.Ordinal);

    /// <summary>True the first time <paramref name="instance"/> is seen (while fewer than 100 have been).</summary>
    public bool FirstSeen(string instance) => _reported.Count < MaxReported && _reported.TryAdd(instance, true);
}
