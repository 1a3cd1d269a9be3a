using ChatRouter.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChatRouter.Core.Tests.Text;

public sealed class PiiMaskTests
{
    [Theory]
    [InlineData("write to zoe.o'brien+orders@example.co.uk today", "write to [email] today")]
    [InlineData("MAIL: Nour.Ali@مثال.شبكة", "MAIL: [email]")]
    [InlineData("x@y.com12345", "x@y.[id]")]
    [InlineData("call me on +44 20 7946 0958 please", "call me on [phone] please")]
    [InlineData("+1 (650) 555-1234", "[phone]")]
    [InlineData("ring +1 555 0100 99", "ring [phone]")]
    [InlineData("order A1234 is late", "order [id] is late")]
    [InlineData("ref ORD-55310, parcel 1Z999AA10123456784", "ref [id], parcel [id]")]
    [InlineData("tracking 12345abc", "tracking [id]")]
    [InlineData("account 12345678", "account [number]")]
    [InlineData("my card 4111 1111 1111 1111 expires", "my card [number] expires")]
    [InlineData("card 4111-1111-1111-1111.", "card [number].")]
    [InlineData("a+12345", "a+[number]")]
    [InlineData("order 12345 2 items", "order [number] 2 items")]
    public void Apply_PersonalData_IsMaskedByKind(string text, string expected)
    {
        PiiMask.Apply(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("my pin is 1234")]
    [InlineData("I need 2 iphone15 and 1000kg by 10:30")]
    [InlineData("it costs $99.99, or 1,000 points")]
    [InlineData("where is my order?")]
    [InlineData("ABC-12 and h2o")]
    [InlineData("")]
    public void Apply_NoPersonalData_KeepsTheTextAsItIs(string text)
    {
        PiiMask.Apply(text).Should().Be(text);
    }

    [Fact]
    public void Apply_NationalNumberWithTheCustomersRegion_IsAPhone_WithoutItANumber()
    {
        const string text = "text me at 07400 123456";

        var withRegion = PiiMask.Apply(text, "GB");
        var without = PiiMask.Apply(text);

        withRegion.Should().Be("text me at [phone]");
        without.Should().Be("text me at [number]");
    }

    [Theory]
    [InlineData("رقمي ٠٥٠١٢٣٤٥٦٧ وطلبي A١٢٣٤", "SA", "رقمي [phone] وطلبي [id]")]
    [InlineData("رقمي ٠٥٠١٢٣٤٥٦٧ وطلبي A١٢٣٤", null, "رقمي [number] وطلبي [id]")]
    [InlineData("شماره سفارش ۱۲۳۴۵۶ است", null, "شماره سفارش [number] است")]
    [InlineData("طلب١٢٣٤٥ متأخر", null, "[id] متأخر")]
    [InlineData("ऑर्डर १२३४५६ कहाँ है", null, "ऑर्डर [number] कहाँ है")]
    [InlineData("電話は＋８１ ３ １２３４ ５６７８です", null, "電話は[phone]です")]
    public void Apply_DigitsOfOtherScripts_AreMaskedLikeAsciiDigits(string text, string? region, string expected)
    {
        PiiMask.Apply(text, region).Should().Be(expected);
    }

    [Fact]
    public void Apply_UnknownRegion_IsIgnored()
    {
        PiiMask.Apply("call 020 7946 0958", "XX").Should().Be("call [number]");
    }

    [Fact]
    public void Apply_SameTextTwice_GivesTheSameResult()
    {
        const string text = "I'm +44 20 7946 0958, order A1234, card 4111 1111 1111 1111, mail a@b.io";

        PiiMask.Apply(text, "GB").Should().Be(PiiMask.Apply(text, "GB")).And.Be("I'm [phone], order [id], card [number], mail [email]");
    }

    private static readonly char[] Alphabet = [.. "0123456789٠١٢٣٤٥٦٧٨٩۱۲۳۴۵ abcXYZطلب+-.@_()#,\u00A0\u0301²".ToCharArray()];

    private static Arbitrary<string> Texts =>
        Gen.Elements(Alphabet).ArrayOf().Select(chars => new string(chars)).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property Apply_AnyText_LeavesNoRunOfFiveDigitsAndMasksToItself() =>
        Prop.ForAll(Texts, text =>
        {
            var masked = PiiMask.Apply(text);

            PiiMask.Apply(masked).Should().Be(masked, "a masked text masks to itself");
            LongestDigitRun(masked).Should().BeLessThan(5, $"'{text}' masked as '{masked}'");
        });

    private static int LongestDigitRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = char.IsDigit(c) ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
