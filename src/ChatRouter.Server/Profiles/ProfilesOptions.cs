using System.ComponentModel.DataAnnotations;
using ChatRouter.Identity;

namespace ChatRouter.Server.CustomerProfiles;

/// <summary>The profiles API (configuration section <c>Profiles</c>).</summary>
public sealed class ProfilesOptions : IValidatableObject
{
    /// <summary>
    /// The ISO 3166 region whose national formats a phone without a country code is read in (<c>(555) 123-4567</c>),
    /// unless a request says <c>?region=</c>. <value>Default: <c>US</c>.</value>
    /// </summary>
    [Required]
    public string DefaultRegion { get; set; } = "US";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(DefaultRegion) && !PhoneNumber.IsKnownRegion(DefaultRegion.ToUpperInvariant()))
            yield return new ValidationResult($"Profiles:DefaultRegion: '{DefaultRegion}' is not a region libphonenumber knows; use an ISO 3166 code such as GB or US.", [nameof(DefaultRegion)]);
    }
}
