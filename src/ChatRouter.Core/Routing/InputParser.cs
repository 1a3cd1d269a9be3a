using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using ChatRouter.Flows;
using ChatRouter.Text;

namespace ChatRouter.Routing;

/// <summary>Validates typed answers for <c>input</c> states and converts them into slot values.</summary>
internal static class InputParser
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d/M/yy", "d-M-yyyy", "d.M.yyyy", "M/d/yyyy"];

    /// <param name="input">The state's input definition.</param>
    /// <param name="text">The cleaned message (<see cref="TextNormalizer.Clean"/>).</param>
    /// <param name="locale">The conversation's locale, for numbers, dates and choice titles.</param>
    /// <param name="renderTitle">Renders a choice's title key in the locale.</param>
    /// <param name="value">The slot value when valid.</param>
    public static bool TryParse(CompiledInput input, string text, string locale, Func<string, string> renderTitle, out object? value)
    {
        var definition = input.Definition;
        value = null;
        switch (definition.Type)
        {
            case InputType.Text:
                if (text.Length == 0) return false;
                value = definition.MaxLength is { } max && text.Length > max ? text[..max] : text;
                return true;
            case InputType.Number:
                return TryNumber(definition, text, Locales.Culture(locale), out value);
            case InputType.Email:
                if (text.Contains(' ', StringComparison.Ordinal) || !MailAddress.TryCreate(text, out var address) || !address.Host.Contains('.', StringComparison.Ordinal) || address.Address != text)
                    return false;
                value = text.ToLowerInvariant();
                return true;
            case InputType.Phone:
                return TryPhone(text, out value);
            case InputType.Date:
                return TryDate(text, Locales.Culture(locale), out value);
            case InputType.Choice:
                return TryChoice(definition, text, locale, renderTitle, out value);
            case InputType.Regex:
                var match = input.Pattern!.Match(text);
                if (!match.Success || match.Index != 0 || match.Length != text.Length) return false;
                value = text;
                return true;
            default:
                return false;
        }
    }

    private static bool TryNumber(InputDefinition definition, string text, CultureInfo culture, out object? value)
    {
        value = null;
        var candidate = text.Trim().TrimEnd('.', '!', '?', '؟');
        if (!TryParseNumber(candidate, culture, out var number)) return false;
        if (!double.IsFinite(number)) return false;
        if (definition.Min is { } min && number < min) return false;
        if (definition.Max is { } max && number > max) return false;
        if (definition.Integer || number == Math.Floor(number))
        {
            if (number != Math.Floor(number) || Math.Abs(number) > long.MaxValue / 2) return false;
            value = (long)number;
            return true;
        }

        value = number;
        return true;
    }

    /// <summary>
    /// "7,5" and "7.5" are both seven and a half to a Spanish speaker, while "1.000" is a thousand: the
    /// locale's decimal form first, its thousands form only when the groups have three digits, then the
    /// invariant forms.
    /// </summary>
    private static bool TryParseNumber(string text, CultureInfo culture, out double number)
    {
        if (double.TryParse(text, NumberStyles.Float, culture, out number)) return true;
        var group = Regex.Escape(culture.NumberFormat.NumberGroupSeparator);
        var decimals = Regex.Escape(culture.NumberFormat.NumberDecimalSeparator);
        if (Regex.IsMatch(text, $"^-?\\d{{1,3}}({group}\\d{{3}})+({decimals}\\d+)?$") && double.TryParse(text, NumberStyles.Number, culture, out number)) return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number)) return true;
        return Regex.IsMatch(text, "^-?\\d{1,3}(,\\d{3})+(\\.\\d+)?$") && double.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out number);
    }

    private static bool TryPhone(string text, out object? value)
    {
        value = null;
        var plus = text.StartsWith('+') || text.StartsWith("00", StringComparison.Ordinal);
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (text.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '(' or ')' or '.' or '+'))) return false;
        if (text.StartsWith("00", StringComparison.Ordinal)) digits = digits[2..];
        if (digits.Length is < 7 or > 15) return false;
        value = plus ? "+" + digits : digits;
        return true;
    }

    private static bool TryDate(string text, CultureInfo culture, out object? value)
    {
        value = null;
        if (DateTime.TryParseExact(text, DateFormats.Prepend(culture.DateTimeFormat.ShortDatePattern).ToArray(), culture, DateTimeStyles.AllowWhiteSpaces, out var date) ||
            DateTime.TryParse(text, culture, DateTimeStyles.AllowWhiteSpaces, out date))
        {
            value = DateTime.SpecifyKind(date.Date, DateTimeKind.Unspecified);
            return true;
        }

        return false;
    }

    private static bool TryChoice(InputDefinition definition, string text, string locale, Func<string, string> renderTitle, out object? value)
    {
        value = null;
        var key = TextNormalizer.MatchKey(text);
        if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= definition.Choices.Count)
        {
            value = definition.Choices[n - 1].Value;
            return true;
        }

        foreach (var choice in definition.Choices)
        {
            var synonyms = choice.Synonyms.Where(s => string.Equals(s.Key, locale, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Key, Locales.Language(locale), StringComparison.OrdinalIgnoreCase)).SelectMany(s => s.Value);
            if (synonyms.Append(choice.Value).Append(renderTitle(choice.Title)).Any(s => TextNormalizer.MatchKey(s) == key))
            {
                value = choice.Value;
                return true;
            }
        }

        return false;
    }
}
