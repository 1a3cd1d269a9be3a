using System.Buffers;

namespace ChatRouter.Server.Webhooks;

/// <summary>Reads a webhook body as the exact bytes received (signatures are over them), within the size limit.</summary>
internal static class WebhookBody
{
    /// <summary>The body, or null when it is larger than <paramref name="limit"/> (answer 413).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > limit) return null;
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length and > 0 ? (int)length : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0) return buffer.WrittenSpan.ToArray();
            buffer.Advance(read);
            if (buffer.WrittenCount > limit) return null;
        }
    }
}
