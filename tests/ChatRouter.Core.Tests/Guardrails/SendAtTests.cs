using ChatRouter.Guardrails;
using ChatRouter.Wire;

namespace ChatRouter.Core.Tests.Guardrails;

public sealed class SendAtTests
{
    [Fact]
    public void TryParse_LocalTime_IsHoursAndMinutes()
    {
        SendAt.TryParse("10:00", null, out var sendAt, out _).Should().BeTrue();

        (sendAt!.LocalTime, sendAt.At).Should().Be((new TimeOnly(10, 0), (DateTimeOffset?)null));
    }

    [Fact]
    public void TryParse_At_IsAnInstant()
    {
        SendAt.TryParse(null, "2026-01-15T10:00:00Z", out var sendAt, out _).Should().BeTrue();

        sendAt!.At.Should().Be(new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("10am", null, "sendAt.localTime", "must be 24-hour HH:mm such as 10:00; got '10am'.")]
    [InlineData("24:00", null, "sendAt.localTime", "must be 24-hour HH:mm such as 10:00; got '24:00'.")]
    [InlineData(null, "soon", "sendAt.at", "must be an ISO 8601 instant such as 2026-01-15T10:00:00Z; got 'soon'.")]
    [InlineData("10:00", "2026-01-15T10:00:00Z", "sendAt", "needs exactly one of localTime (HH:mm, the customer's time) and at (an ISO 8601 instant).")]
    [InlineData(null, null, "sendAt", "needs exactly one of localTime (HH:mm, the customer's time) and at (an ISO 8601 instant).")]
    public void TryParse_Invalid_NamesTheField(string? localTime, string? at, string field, string message)
    {
        SendAt.TryParse(localTime, at, out var sendAt, out var error).Should().BeFalse();

        sendAt.Should().BeNull();
        error.Should().Be(new WireError(field, message));
    }

    [Fact]
    public void Local_DropsSeconds()
    {
        SendAt.Local(new TimeOnly(10, 0, 42)).LocalTime.Should().Be(new TimeOnly(10, 0));
    }
}
