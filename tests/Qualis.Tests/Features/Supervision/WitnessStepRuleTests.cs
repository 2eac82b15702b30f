using Qualis.Features.Supervision.Desk;

namespace Qualis.Tests.Features.Supervision;

/// <summary>Where a committed draw with witnesses stands for its organising office's desk: waiting, fallback due, ready to draw.</summary>
public sealed class WitnessStepRuleTests
{
    private static readonly DateTime Deadline = new(2026, 12, 8, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_office_waits_until_the_deadline_then_applies_the_fallback_and_draws_once_every_value_or_the_fallback_is_in()
    {
        WitnessStepRule.Of(anySilent: true, fallbackApplied: false, Deadline, Deadline).ShouldBe(WitnessStep.Waiting);
        WitnessStepRule.Of(anySilent: true, fallbackApplied: false, Deadline, Deadline.AddSeconds(1)).ShouldBe(WitnessStep.FallbackDue);
        WitnessStepRule.Of(anySilent: true, fallbackApplied: true, Deadline, Deadline.AddSeconds(1)).ShouldBe(WitnessStep.ReadyToDraw);
        WitnessStepRule.Of(anySilent: false, fallbackApplied: false, Deadline, Deadline.AddHours(-5)).ShouldBe(WitnessStep.ReadyToDraw);
    }
}
