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
