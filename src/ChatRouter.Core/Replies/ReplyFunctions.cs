using System.Collections.Concurrent;
using System.Globalization;
using Scriban;
using Scriban.Runtime;

namespace ChatRouter.Replies;

/// <summary>
/// Functions reply templates call to format values in the customer's locale (the context's culture):
/// <c>{{ slots.order.eta | format_date 'dddd d MMMM' }}</c>, <c>{{ slots.points | format_number }}</c>,
/// <c>{{ slots.order.total | format_money slots.order.currency }}</c>. Formats are .NET date and number formats.
/// </summary>
internal static class ReplyFunctions
{
    private static readonly ConcurrentDictionary<string, (CultureInfo Culture, string? Currency)> Specific = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The functions, imported once and shared by every context (templates cannot assign into it: each turn's model sits above it).</summary>
    public static ScriptObject Object { get; } = Create();

    private static ScriptObject Create()
    {
        var functions = new ScriptObject();
        functions.Import("format_date", new Func<TemplateContext, object?, string?, string>(FormatDate));
        functions.Import("format_number", new Func<TemplateContext, object?, string?, string>(FormatNumber));
        functions.Import("format_money", new Func<TemplateContext, object?, string?, string>(FormatMoney));
        return functions;
    }

    /// <summary>A date in the locale: <c>format</c> is a .NET date format (default "D", the long date).</summary>
    public static string FormatDate(TemplateContext context, object? value, string? format = null)
    {
        var date = value switch
        {
            DateTime d => d,
            DateTimeOffset o => o.DateTime,
            string s when DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) => parsed,
            _ => (DateTime?)null,
        };
        return date?.ToString(format ?? "D", context.CurrentCulture) ?? "";
    }

    /// <summary>A number in the locale: <c>format</c> is a .NET number format (default "N0": grouped, no decimals).</summary>
    public static string FormatNumber(TemplateContext context, object? value, string? format = null) =>
        value is IFormattable number ? number.ToString(format ?? "N0", context.CurrentCulture) : "";

    /// <summary>
    /// An amount laid out as the locale does it; the locale's own currency keeps its symbol (R$, €), another
    /// currency shows its ISO code, since "$" alone is ambiguous outside the US. A language without a region
    /// (en, es) stands for its default region (en-US, es-ES).
    /// </summary>
    public static string FormatMoney(TemplateContext context, object? value, string? currency = null)
    {
        if (value is not IFormattable amount) return "";
        var (culture, own) = Specific.GetOrAdd(context.CurrentCulture.Name, Resolve);
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        if (currency is not null && !string.Equals(currency, own, StringComparison.OrdinalIgnoreCase))
            format.CurrencySymbol = currency.ToUpperInvariant();
        return amount.ToString("C", format);
    }

    private static (CultureInfo Culture, string? Currency) Resolve(string name)
    {
        try
        {
            var specific = CultureInfo.CreateSpecificCulture(name);
            return (specific, specific.Name.Length == 0 ? null : new RegionInfo(specific.Name).ISOCurrencySymbol);
        }
        catch (ArgumentException)
        {
            return (CultureInfo.InvariantCulture, null);
        }
    }
}
