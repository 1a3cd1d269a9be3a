using System.Text;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace ChatRouter.Text;

/// <summary>
/// Masks personal data in a customer's message before it is kept for review and training: emails as
/// <c>[email]</c>, phone numbers as <c>[phone]</c>, order-like ids (<c>A1234</c>, <c>ORD-55310</c>) as <c>[id]</c>,
/// and long numbers (five digits or more, card numbers in groups included) as <c>[number]</c>. Deterministic
/// (the same text and region give the same result), language-neutral (digits of any script, letters of any
/// alphabet) and idempotent (a masked text masks to itself).
/// </summary>
public static partial class PiiMask
{
    /// <summary>The placeholders, as they appear in masked texts.</summary>
    public const string Email = "[email]", Phone = "[phone]", Id = "[id]", Number = "[number]";

    // libphonenumber's "no region": only numbers written internationally (+44 …) are found.
    private const string UnknownRegion = "ZZ";
    private const int LongRun = 5;
    private const int MinPhoneDigits = 7;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Masks <paramref name="text"/>. <paramref name="region"/> (ISO 3166, such as <c>GB</c>: the customer's own
    /// phone's region) lets numbers written the national way be recognised as phones; without it they are still
    /// masked, as <c>[number]</c>.
    /// </summary>
    public static string Apply(string text, string? region = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        // A detector that lost a span to a stronger one can leave digits beside it ("[phone] 56789"); another pass masks
        // them. Every change removes digits or an '@', so this ends, and what it returns masks to itself.
        for (var pass = 0; pass < 8; pass++)
        {
            var masked = Once(text, region);
            if (masked == text) break;
            text = masked;
        }

        return text;
    }

    private static string Once(string text, string? region)
    {
        if (text.Length == 0) return text;

        // Digits of any script read as ASCII for the detectors; one char for one char, so positions still match the text.
        var ascii = AsciiDigits(text);
        var spans = new List<(int Start, int End, string Mask)>();
        foreach (Match match in EmailPattern().Matches(ascii)) Claim(spans, match.Index, match.Length, Email);
        foreach (var found in FindPhones(ascii, region)) Claim(spans, found.Start, found.Length, Phone);
        foreach (Match match in WordPattern().Matches(ascii))
        {
            if (IsOrderLikeId(match.Value)) Claim(spans, match.Index, match.Length, Id);
        }

        foreach (Match match in NumberPattern().Matches(ascii))
        {
            var digits = match.Value.Count(char.IsAsciiDigit);
            if (match.Value.StartsWith('+') && digits >= MinPhoneDigits) Claim(spans, match.Index, match.Length, Phone);
            else if (digits >= LongRun) Claim(spans, match.Index, match.Length, Number);
        }

        if (spans.Count == 0) return text;
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var masked = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, end, mask) in spans)
        {
            masked.Append(text, at, start - at).Append(mask);
            at = end;
        }

        return masked.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>Adds a span unless an earlier (stronger) detector already claimed any of its characters.</summary>
    private static void Claim(List<(int Start, int End, string Mask)> spans, int start, int length, string mask)
    {
        var end = start + length;
        if (length == 0 || spans.Exists(s => s.Start < end && start < s.End)) return;
        spans.Add((start, end, mask));
    }

    private static List<(int Start, int Length)> FindPhones(string text, string? region)
    {
        var code = region?.ToUpperInvariant() is { } r && Phones.GetSupportedRegions().Contains(r) ? r : UnknownRegion;
        // Only texts with enough digits to hold a phone number are worth libphonenumber's time.
        if (text.Count(char.IsAsciiDigit) < MinPhoneDigits) return [];
        return Phones.FindNumbers(text, code).Select(m => (m.Start, m.Length)).ToList();
    }

    /// <summary>
    /// A word with a letter followed by a digit (<c>A1234</c>, <c>ORD-55310</c>, <c>1Z999AA1</c>) and at least three
    /// digits, or with a run of five digits: ids, not quantities (<c>1000kg</c>, <c>iphone15</c> stay as written).
    /// </summary>
    private static bool IsOrderLikeId(string word)
    {
        var digits = 0;
        var run = 0;
        var longestRun = 0;
        var letters = false;
        var letterThenDigit = false;
        var previousLetter = false;
        foreach (var c in word)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
                run++;
                longestRun = Math.Max(longestRun, run);
                letterThenDigit |= previousLetter;
                previousLetter = false;
                continue;
            }

            run = 0;
            if (char.IsLetter(c))
            {
                letters = true;
                previousLetter = true;
            }
        }

        return letters && ((letterThenDigit && digits >= 3) || longestRun >= LongRun);
    }

    private static string AsciiDigits(string text)
    {
        if (!text.Any(c => char.IsDigit(c) && c > '9')) return text;
        return string.Create(text.Length, text, (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                chars[i] = char.IsDigit(c) && c > '9' ? (char)('0' + (int)char.GetNumericValue(c)) : c;
            }
        });
    }

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}._%+'\-]+@[\p{L}\p{M}\p{N}\-]+(?:\.[\p{L}\p{M}\p{N}\-]+)*\.\p{L}{2,}(?![\p{L}\p{M}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // A word of letters and digits, with single '-' or '_' inside: a candidate id.
    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{N}])[\p{L}\p{M}\p{N}]+(?:[\-_][\p{L}\p{M}\p{N}]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    // Groups of digits joined by one separator (space, no-break spaces, '-', '.', ',', Arabic separators), optionally
    // bracketed or after a '+': phone and card numbers as people write them. Groups after the first have at least
    // two digits, so "12345 2 items" keeps its "2".
    [GeneratedRegex(@"(?<![\p{L}\d])\+?(?:\(\d+\)|\d+)(?:[ \u00A0\u202F\-.,\u066B\u066C]?(?:\(\d{2,}\)|\d{2,}))*(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
