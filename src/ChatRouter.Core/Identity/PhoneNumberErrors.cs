using Lib = PhoneNumbers;

namespace ChatRouter.Identity;

/// <summary>libphonenumber's error codes as sentences an API caller can act on.</summary>
internal static class PhoneNumberErrors
{
    public static string ForParse(string text, string regionCode, Lib.ErrorType error) => error switch
    {
        Lib.ErrorType.INVALID_COUNTRY_CODE when regionCode == "ZZ" =>
            $"'{text}' starts with no known country code.",
        Lib.ErrorType.INVALID_COUNTRY_CODE =>
            $"'{text}' starts with no known country code; write it as +<country code> <number>, or as a national number of region {regionCode}.",
        Lib.ErrorType.TOO_SHORT_AFTER_IDD =>
            $"'{text}' is too short after its international prefix (00 or +).",
        Lib.ErrorType.TOO_SHORT_NSN =>
            $"'{text}' is not a valid number for region {regionCode}: too short.",
        Lib.ErrorType.TOO_LONG =>
            $"'{text}' is not a valid number for region {regionCode}: too long.",
        _ => $"'{text}' is not a phone number.",
    };

    public static string ForLength(string text, string regionCode, Lib.PhoneNumberUtil.ValidationResult result) => result switch
    {
        Lib.PhoneNumberUtil.ValidationResult.TOO_SHORT =>
            $"'{text}' is not a valid number for region {regionCode}: too short.",
        Lib.PhoneNumberUtil.ValidationResult.TOO_LONG =>
            $"'{text}' is not a valid number for region {regionCode}: too long.",
        Lib.PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY =>
            $"'{text}' is not a valid number for region {regionCode}: it lacks the area code.",
        Lib.PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE =>
            $"'{text}' starts with no known country code.",
        _ => $"'{text}' is not a valid number for region {regionCode}: no number there has that length.",
    };
}
