using System.Text;

namespace ChatRouter.Guardrails;

/// <summary>
/// A delay in [0, max) fixed by a key, so that a replayed or re-evaluated message lands on the same instant.
/// FNV-1a, not string.GetHashCode: that one is randomised per process and would move the instant on restart.
/// </summary>
internal static class Jitter
{
    public static TimeSpan For(string key, TimeSpan max)
    {
        var seconds = (long)max.TotalSeconds;
        if (seconds <= 0)
            return TimeSpan.Zero;
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(key))
            hash = (hash ^ b) * 1099511628211UL;
        return TimeSpan.FromSeconds((long)(hash % (ulong)seconds));
    }
}
