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
    private static readonly ConcurrentDictionary<string, string> CurrencySymbols = new(StringComparer.OrdinalIgnoreCase);

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

    /// <summary>An amount with the currency's symbol placed and separated as the locale does it.</summary>
    public static string FormatMoney(TemplateContext context, object? value, string? currency = null)
    {
        if (value is not IFormattable amount) return "";
        var format = (NumberFormatInfo)context.CurrentCulture.NumberFormat.Clone();
        if (currency is not null) format.CurrencySymbol = CurrencySymbols.GetOrAdd(currency, SymbolOf);
        return amount.ToString("C", format);
    }

    private static string SymbolOf(string code)
    {
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                var region = new RegionInfo(culture.Name);
                if (string.Equals(region.ISOCurrencySymbol, code, StringComparison.OrdinalIgnoreCase)) return region.CurrencySymbol;
            }
            catch (ArgumentException)
            {
                // A culture without a region (neutral): nothing to learn from it.
            }
        }

        return code.ToUpperInvariant();
    }
}
