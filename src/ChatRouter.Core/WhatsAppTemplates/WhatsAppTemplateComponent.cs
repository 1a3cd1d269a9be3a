namespace ChatRouter.WhatsAppTemplates;

/// <summary>
/// One component of a WhatsApp message template as the Graph API lists it: <c>HEADER</c> (with a
/// <see cref="Format"/>), <c>BODY</c> (text with <c>{{1}}</c> placeholders), <c>FOOTER</c> or <c>BUTTONS</c>.
/// </summary>
public sealed class WhatsAppTemplateComponent
{
    /// <summary><c>HEADER</c>, <c>BODY</c>, <c>FOOTER</c> or <c>BUTTONS</c>.</summary>
    public string Type { get; set; } = "";

    /// <summary>A header's format: <c>TEXT</c>, <c>IMAGE</c>, <c>VIDEO</c>, <c>DOCUMENT</c>, <c>LOCATION</c>.</summary>
    public string? Format { get; set; }

    /// <summary>The text, with <c>{{n}}</c> placeholders.</summary>
    public string? Text { get; set; }

    /// <summary>A <c>BUTTONS</c> component's buttons, in order (the index a send's button parameter names).</summary>
    public List<WhatsAppTemplateButton> Buttons { get; set; } = [];
}

/// <summary>One button of a WhatsApp message template.</summary>
public sealed class WhatsAppTemplateButton
{
    /// <summary><c>QUICK_REPLY</c>, <c>URL</c>, <c>PHONE_NUMBER</c>, <c>COPY_CODE</c> …</summary>
    public string Type { get; set; } = "";

    /// <summary>The label the customer sees; a quick reply's webhook carries it when no payload was set at send time.</summary>
    public string Text { get; set; } = "";

    /// <summary>A URL button's address (may end in a <c>{{1}}</c> placeholder).</summary>
    public string? Url { get; set; }
}
