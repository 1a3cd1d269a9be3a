namespace ChatRouter.Testing.Fuzz;

/// <summary>What a fuzz case is posted to.</summary>
public enum FuzzTarget
{
    /// <summary><c>POST /webhooks/whatsapp</c>, signed with the app secret.</summary>
    WhatsApp,

    /// <summary><c>POST /webhooks/ultramsg?secret=…</c>.</summary>
    UltraMsg,

    /// <summary><c>POST /api/events</c> with the events key.</summary>
    Events,
}
