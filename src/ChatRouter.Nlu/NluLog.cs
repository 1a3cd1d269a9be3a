using Microsoft.Extensions.Logging;

namespace ChatRouter.Nlu;

/// <summary>The intent models' log events, with stable ids (R19). Message texts never appear here.</summary>
internal static partial class NluLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Intent model {Locale} loaded from {Path}: {Labels} labels, accept {Accept}, clarify {Clarify}")]
    public static partial void ModelLoaded(ILogger logger, string locale, string path, int labels, double accept, double clarify);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Intent model {Locale} at {Path} was not loaded: {Reason}; the model loaded before (if any) keeps serving")]
    public static partial void ModelFailed(ILogger logger, string locale, string path, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Intent model {Locale} was removed from {Directory}; it no longer serves")]
    public static partial void ModelRemoved(ILogger logger, string locale, string directory);
}
