using Qualis.Features.Registry;
using Qualis.Features.Supervision.Draws;

namespace Qualis.Tests.Features.Supervision.Draws;

public sealed class SamplingTargetsTests
{
    [Theory]
    [InlineData(3333, "0.05", 167)]  // 166.65 rounds up
    [InlineData(100, "0.05", 5)]     // exact: no rounding
    [InlineData(10, "0.05", 1)]      // 0.5 rounds up to 1
    [InlineData(3, "0.01", 1)]       // a non-empty stratum with a positive ratio gets at least one
    [InlineData(0, "0.05", 0)]
    [InlineData(50, "0", 0)]
    [InlineData(50, "1", 50)]
    [InlineData(7, "0.3", 3)]        // 2.1 → 3: decimal arithmetic, no 2.0999… surprises
    public void Ratio_rounds_up_with_at_least_one(int size, string ratio, int expected) =>
        SamplingTargets.FromRatio(size, decimal.Parse(ratio, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);

    [Fact]
    public void Riskier_classes_get_their_higher_ratios()
    {
        var policy = new SamplingPolicy(new Dictionary<CreditRiskClass, SamplingRate>
        {
            [CreditRiskClass.A] = SamplingRate.OfRatio(0.03m),
            [CreditRiskClass.B] = SamplingRate.OfRatio(0.10m),
            [CreditRiskClass.C] = SamplingRate.OfRatio(0.40m),
            [CreditRiskClass.D] = SamplingRate.OfRatio(0.80m),
        }, IsKeyItem: true);
        SamplingTargets.For(200, CreditRiskClass.A, policy).Target.ShouldBe(6);
        SamplingTargets.For(200, CreditRiskClass.B, policy).Target.ShouldBe(20);
        SamplingTargets.For(200, CreditRiskClass.C, policy).Target.ShouldBe(80);
        SamplingTargets.For(200, CreditRiskClass.D, policy).ShouldBe(new StratumTarget(160, 160));
    }

    [Fact]
    public void Ordinary_items_are_capped_and_say_so_key_items_are_not()
    {
        var rates = new Dictionary<CreditRiskClass, SamplingRate>
        {
            [CreditRiskClass.B] = SamplingRate.OfRatio(0.20m),
            [CreditRiskClass.D] = SamplingRate.OfCount(40),
        };
        var ordinary = new SamplingPolicy(rates, IsKeyItem: false, OrdinaryItemCap: 0.05m);
        var key = ordinary with { IsKeyItem = true };

        var capped = SamplingTargets.For(300, CreditRiskClass.B, ordinary);
        capped.ShouldBe(new StratumTarget(15, 60));
        capped.WasCapped.ShouldBeTrue();
        SamplingTargets.For(300, CreditRiskClass.D, ordinary).ShouldBe(new StratumTarget(15, 40)); // counts are capped too
        SamplingTargets.For(300, CreditRiskClass.B, key).ShouldBe(new StratumTarget(60, 60));
        SamplingTargets.For(300, CreditRiskClass.D, key).WasCapped.ShouldBeFalse();
    }

    [Fact]
    public void A_count_is_kept_even_when_the_stratum_is_smaller_so_the_sampler_reports_it() =>
        SamplingTargets.For(3, SamplingRate.OfCount(5), isKeyItem: true, ordinaryItemCap: null).Target.ShouldBe(5);

    [Fact]
    public void Bad_rates_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => SamplingRate.OfRatio(1.5m));
        Should.Throw<ArgumentOutOfRangeException>(() => SamplingRate.OfCount(-1));
        var policy = new SamplingPolicy(new Dictionary<CreditRiskClass, SamplingRate>(), IsKeyItem: true);
        Should.Throw<ArgumentException>(() => SamplingTargets.For(10, CreditRiskClass.C, policy)).Message.ShouldContain("credit class C");
    }
}
