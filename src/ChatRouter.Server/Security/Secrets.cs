using System.Security.Cryptography;
using System.Text;

namespace ChatRouter.Server.Security;

/// <summary>
/// Compares a given secret with the expected one in fixed time. Both are hashed first, so neither the time
/// taken nor an early exit on a length mismatch tells an attacker anything about the expected secret.
/// </summary>
internal static class Secrets
{
    public static bool Match(string? given, string? expected)
    {
        if (given is null || string.IsNullOrEmpty(expected)) return false;
        Span<byte> a = stackalloc byte[32];
        Span<byte> b = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(given), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
