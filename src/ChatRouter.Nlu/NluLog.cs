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

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Intent model {Locale} at {Path} compared with the serving one on its held-out split of {Rows} rows: {Changes}")]
    public static partial void ModelCompared(ILogger logger, string locale, string path, int rows, string changes);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Intent model {Locale} at {Path} was refused: significantly worse than the serving one on its held-out split of {Rows} rows ({Changes}); the serving model stays. Set Models:AllowRegression to release it anyway")]
    public static partial void RegressionRefused(ILogger logger, string locale, string path, int rows, string changes);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Intent model {Locale} at {Path} is significantly worse than the one it replaces on its held-out split of {Rows} rows ({Changes}); released because Models:AllowRegression is set")]
    public static partial void RegressionAllowed(ILogger logger, string locale, string path, int rows, string changes);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "A ModelChanged handler failed for intent model {Locale} ({Kind}); the reload went on")]
    public static partial void ModelChangeHandlerFailed(ILogger logger, Exception exception, string locale, Runtime.ModelChangeKind kind);
}
