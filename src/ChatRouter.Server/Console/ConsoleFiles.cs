using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace ChatRouter.Server.AgentConsole;

/// <summary>The console's files, read once from the resources that <c>Console/wwwroot/**</c> is embedded as.</summary>
internal sealed class ConsoleFiles
{
    /// <summary>The LogicalName prefix given to the embedded files in ChatRouter.Server.csproj.</summary>
    public const string ResourcePrefix = "ChatRouter.Console/";

    private readonly Dictionary<string, ConsoleFile> _files;

    private ConsoleFiles(Dictionary<string, ConsoleFile> files) => _files = files;

    public IEnumerable<string> Paths => _files.Keys;

    /// <summary>The files embedded under <paramref name="prefix"/> (the console's, or the dashboard's <c>ChatRouter.Dashboard/</c>).</summary>
    public static ConsoleFiles Load(string prefix = ResourcePrefix)
    {
        var assembly = typeof(ConsoleFiles).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var files = new Dictionary<string, ConsoleFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var path = name[prefix.Length..].Replace('\\', '/');
            if (!types.TryGetContentType(path, out var type)) type = "application/octet-stream";
            if (type.StartsWith("text/", StringComparison.Ordinal)) type += "; charset=utf-8";
            var tag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"");
            files[path] = new ConsoleFile(content, type, tag);
        }

        if (!files.ContainsKey("index.html"))
            throw new InvalidOperationException($"index.html is not embedded in {assembly.GetName().Name} under {prefix}; check the EmbeddedResource items for Console/wwwroot/** and Dashboard/wwwroot/** in ChatRouter.Server.csproj.");
        return new ConsoleFiles(files);
    }

    /// <summary>Finds a file by its path under wwwroot; ordinal, so <c>INDEX.HTML</c> is not found.</summary>
    public bool TryGet(string path, [NotNullWhen(true)] out ConsoleFile? file) => _files.TryGetValue(path, out file);
}

/// <summary>One embedded file, with its content type and a content hash as ETag.</summary>
internal sealed record ConsoleFile(byte[] Content, string ContentType, EntityTagHeaderValue ETag);
