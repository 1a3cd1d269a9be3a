namespace ChatRouter.Routing;

/// <summary>
/// Keyword lists per locale (configuration section <c>Keywords</c>, e.g. <c>Keywords:OptOut:es:0</c>). A locale
/// configured here replaces the built-in list of that locale; other locales keep theirs. Opt-out, opt-in and
/// escalation words of every locale work in every conversation. For the other commands, a locale without a list
/// uses the next one along the locale chain (<c>pt-BR</c> → <c>pt</c> → <c>Routing:DefaultLocale</c>).
/// </summary>
public sealed class KeywordOptions
{
    /// <summary>Opt-out keywords (whole message), e.g. STOP, BAJA, PARAR, SAIR, إلغاء.</summary>
    public Dictionary<string, List<string>> OptOut { get; set; } = [];

    /// <summary>Requests to stop inside a message, e.g. "stop sending me", "deja de enviarme": both purposes are withdrawn, as for STOP.</summary>
    public Dictionary<string, List<string>> OptOutPhrases { get; set; } = [];

    /// <summary>Requests to stop promotions only (anywhere in the message), e.g. "stop promotions": marketing alone is withdrawn.</summary>
    public Dictionary<string, List<string>> OptOutMarketing { get; set; } = [];

    /// <summary>Opt-in keywords (whole message), e.g. START, ALTA.</summary>
    public Dictionary<string, List<string>> OptIn { get; set; } = [];

    /// <summary>Escalation keywords (anywhere in the message, typos tolerated), e.g. agent, humano, atendente, موظف.</summary>
    public Dictionary<string, List<string>> Escalate { get; set; } = [];

    /// <summary>Help keywords (whole message).</summary>
    public Dictionary<string, List<string>> Help { get; set; } = [];

    /// <summary>Main-menu keywords (whole message).</summary>
    public Dictionary<string, List<string>> Menu { get; set; } = [];

    /// <summary>Cancel keywords (whole message).</summary>
    public Dictionary<string, List<string>> Cancel { get; set; } = [];

    /// <summary>Language-change keywords (whole message).</summary>
    public Dictionary<string, List<string>> Language { get; set; } = [];

    /// <summary>Goodbye keywords (whole message).</summary>
    public Dictionary<string, List<string>> Goodbye { get; set; } = [];
}
