namespace ChatRouter.Routing;

/// <summary>
/// The keyword lists used for a locale that configuration does not set. Matching ignores case and accents.
/// A locale with no lists here (fr, de …) is not deaf: see <see cref="Keywords"/> for how it falls back.
/// </summary>
internal static class BuiltInKeywords
{
    public static readonly Dictionary<string, string[]> OptOut = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = ["STOP", "STOPALL", "UNSUBSCRIBE", "OPT OUT", "OPTOUT", "STOP ALL"],
        ["es"] = ["BAJA", "PARAR", "DETENER", "DARME DE BAJA", "DESUSCRIBIR", "NO MAS MENSAJES"],
        ["pt"] = ["PARAR", "SAIR", "DESCADASTRAR", "CANCELAR INSCRICAO", "NAO QUERO MAIS MENSAGENS"],
        ["ar"] = ["إلغاء", "الغاء الاشتراك", "إيقاف", "توقف", "أوقف الرسائل"],
    };

    /// <summary>
    /// Requests to stop inside a sentence ("please stop sending me messages"): a customer who asks in words is
    /// asking as clearly as one who types STOP. Each names the customer ("me"), so "how do I stop sending
    /// receipts to my old email" is not one.
    /// </summary>
    public static readonly Dictionary<string, string[]> OptOutPhrases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = ["stop sending me", "stop messaging me", "stop texting me", "stop contacting me", "dont message me", "do not message me", "dont text me", "do not text me", "do not contact me", "dont contact me", "unsubscribe me", "remove me from your list", "take me off your list", "no more messages"],
        ["es"] = ["deja de enviarme", "dejen de enviarme", "dejen de mandarme", "deja de mandarme", "no me envien mas", "no me manden mas", "no quiero recibir mas mensajes", "sacame de la lista", "quitenme de la lista"],
        ["pt"] = ["pare de me enviar", "parem de me enviar", "parem de me mandar", "pare de me mandar", "nao me enviem mais", "nao me mandem mais", "nao quero receber mais mensagens", "me tire da lista", "me tirem da lista"],
        ["ar"] = ["توقفوا عن مراسلتي", "توقف عن مراسلتي", "لا ترسلوا لي", "لا ترسل لي", "احذفوني من القائمة"],
    };

    /// <summary>Requests to stop promotions only ("stop promotions"): marketing is withdrawn, order updates keep coming.</summary>
    public static readonly Dictionary<string, string[]> OptOutMarketing = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = ["stop promotions", "stop promos", "no more promotions", "no promotions", "no more offers", "stop offers", "stop sending me promotions", "stop sending me offers", "unsubscribe from promotions", "stop marketing"],
        ["es"] = ["parar promociones", "no mas promociones", "sin promociones", "no mas ofertas", "no quiero promociones", "dejen de enviarme promociones", "baja de promociones"],
        ["pt"] = ["parar promocoes", "sem promocoes", "nao quero promocoes", "chega de promocoes", "parem de me enviar promocoes", "sair das promocoes"],
        ["ar"] = ["إيقاف العروض", "أوقف العروض", "لا أريد عروض", "بدون عروض"],
    };

    public static readonly Dictionary<string, string[]> OptIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = ["START", "UNSTOP", "SUBSCRIBE", "OPT IN", "OPTIN"],
        ["es"] = ["ALTA", "DARME DE ALTA", "SUSCRIBIR", "REANUDAR"],
        ["pt"] = ["VOLTAR", "REATIVAR", "ASSINAR", "RECEBER MENSAGENS"],
        ["ar"] = ["اشتراك", "تفعيل", "ابدأ"],
    };

    public static readonly Dictionary<string, string[]> Escalate = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = ["agent", "human", "representative", "operator", "real person", "talk to a person", "speak to a person", "talk to someone", "live agent", "customer service"],
        ["es"] = ["agente", "humano", "persona", "asesor", "operador", "ejecutivo", "hablar con alguien"],
        ["pt"] = ["atendente", "humano", "pessoa", "agente", "operador", "falar com alguem"],
        ["ar"] = ["موظف", "انسان", "وكيل", "خدمة العملاء", "شخص حقيقي"],
    };

    public static readonly Dictionary<string, string[]> Help = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = ["help", "help me"],
        ["es"] = ["ayuda", "ayudame"],
        ["pt"] = ["ajuda", "me ajuda"],
        ["ar"] = ["مساعدة", "ساعدني"],
    };

    public static readonly Dictionary<string, string[]> Menu = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = ["menu", "main menu", "start over", "home"],
        ["es"] = ["menu", "menu principal", "inicio", "empezar de nuevo"],
        ["pt"] = ["menu", "menu principal", "inicio", "comecar de novo"],
        ["ar"] = ["القائمة", "القائمة الرئيسية", "البداية"],
    };

    public static readonly Dictionary<string, string[]> Cancel = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = ["cancel", "nevermind", "never mind", "forget it"],
        ["es"] = ["cancelar", "olvidalo", "dejalo"],
        ["pt"] = ["cancelar", "esquece", "deixa pra la"],
        ["ar"] = ["تراجع", "انسى الأمر"],
    };

    public static readonly Dictionary<string, string[]> Language = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = ["language", "change language"],
        ["es"] = ["idioma", "cambiar idioma"],
        ["pt"] = ["idioma", "mudar idioma", "trocar idioma"],
        ["ar"] = ["اللغة", "تغيير اللغة"],
    };

    public static readonly Dictionary<string, string[]> Goodbye = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = ["bye", "goodbye", "bye bye", "see you"],
        ["es"] = ["adios", "chao", "chau", "hasta luego"],
        ["pt"] = ["tchau", "adeus", "ate logo", "ate mais"],
        ["ar"] = ["مع السلامة", "وداعا", "باي"],
    };
}
