using Qualis.Features.Recognition;
using Microsoft.Extensions.Configuration;

namespace Qualis.Tests.Features.Recognition;

/// <summary>The programmes' own lifecycle rules without a database: a famous brand's term, renewal, expiry, a chief quality officer's qualification.</summary>
public sealed class ProgrammeRulesTests
{
    private static readonly DateOnly Day = new(2026, 6, 1);

    private static Qualis.Features.Recognition.Recognition Brand(int year, RecognitionStatus status, DateOnly? validTo = null) => new()
    {
        ProgrammeCode = ProgrammeCatalog.Brand, Family = ProgrammeFamily.Brand, Year = year, HolderName = "合肥名牌电缆有限公司", RegionCode = "340102",
        Status = status, GrantedOn = status >= RecognitionStatus.Granted ? new DateOnly(year, 12, 1) : null, ValidTo = validTo, DocumentNumber = "皖质〔2023〕1号",
    };

    [Fact]
    public void A_famous_brand_granted_without_an_end_lasts_three_years_and_other_families_have_no_default_term()
    {
        var brand = Brand(2026, RecognitionStatus.Announced);
        RecognitionRules.Move(brand, RecognitionStatus.Granted, Day, null, "皖质〔2026〕5号").ShouldBeEmpty();
        (brand.ValidFrom, brand.ValidTo).ShouldBe(((DateOnly?)Day, (DateOnly?)new DateOnly(2029, 5, 31)));
        RecognitionRules.DefaultValidTo(ProgrammeFamily.Demonstration, Day).ShouldBeNull();
        // A term the document gives is kept.
        var given = Brand(2026, RecognitionStatus.Announced, new DateOnly(2027, 12, 31));
        RecognitionRules.Move(given, RecognitionStatus.Granted, Day, null, "皖质〔2026〕6号").ShouldBeEmpty();
        given.ValidTo.ShouldBe(new DateOnly(2027, 12, 31));
    }

    [Fact]
    public void A_renewal_granted_before_the_earlier_title_ends_carries_it_on_from_the_day_after_for_three_more_years()
    {
        var renewal = Brand(2026, RecognitionStatus.Announced);
        RecognitionRules.Move(renewal, RecognitionStatus.Granted, Day, null, "皖质〔2026〕7号", continuesAfter: new DateOnly(2026, 11, 30)).ShouldBeEmpty();
        (renewal.ValidFrom, renewal.ValidTo).ShouldBe(((DateOnly?)new DateOnly(2026, 12, 1), (DateOnly?)new DateOnly(2029, 11, 30)));
        // Granted after the earlier one ended: from the grant.
        var late = Brand(2026, RecognitionStatus.Announced);
        RecognitionRules.Move(late, RecognitionStatus.Granted, Day, null, "皖质〔2026〕8号", continuesAfter: new DateOnly(2026, 1, 31)).ShouldBeEmpty();
        late.ValidFrom.ShouldBe(Day);
    }

    [Theory]
    [InlineData(RecognitionStatus.Granted, 2026, false, null)]
    [InlineData(RecognitionStatus.Expired, 2026, false, null)]
    [InlineData(RecognitionStatus.Revoked, 2026, false, "recognition.error.renewal_not_granted")]
    [InlineData(RecognitionStatus.Announced, 2026, false, "recognition.error.renewal_not_granted")]
    [InlineData(RecognitionStatus.Granted, 2023, false, "recognition.error.renewal_year")]
    [InlineData(RecognitionStatus.Granted, 2026, true, "recognition.error.renewed_already")]
    public void A_renewal_needs_a_granted_or_expired_title_of_the_same_holder_a_later_year_and_no_renewal_before(
        RecognitionStatus earlierStatus, int renewalYear, bool renewedAlready, string? problem)
    {
        var earlier = Brand(2023, earlierStatus);
        var problems = RecognitionRules.Renewal(earlier, Brand(renewalYear, RecognitionStatus.Applied), renewedAlready);
        if (problem is null) problems.ShouldBeEmpty();
        else problems.ShouldHaveSingleItem().Key.ShouldBe(problem);
    }

    [Fact]
    public void A_renewal_of_another_holders_title_is_refused_on_the_renewed_field()
    {
        var other = Brand(2026, RecognitionStatus.Applied);
        other.HolderName = "别家公司";
        var problem = RecognitionRules.Renewal(Brand(2023, RecognitionStatus.Granted), other, false).ShouldHaveSingleItem();
        (problem.Field, problem.Key).ShouldBe(("RenewalOfId", "recognition.error.renewal_other_holder"));
    }

    [Fact]
    public void A_granted_title_expires_the_day_after_its_last_valid_day_and_nothing_else_does()
    {
        var due = Brand(2023, RecognitionStatus.Granted, new DateOnly(2026, 5, 31));
        RecognitionRules.ExpireIfDue(due, Day).ShouldBeTrue();
        (due.Status, due.EndedOn).ShouldBe((RecognitionStatus.Expired, (DateOnly?)Day));
        // Its last valid day is still in force.
        RecognitionRules.ExpireIfDue(Brand(2023, RecognitionStatus.Granted, Day), Day).ShouldBeFalse();
        RecognitionRules.ExpireIfDue(Brand(2023, RecognitionStatus.Granted), Day).ShouldBeFalse();
        var revoked = Brand(2023, RecognitionStatus.Revoked, new DateOnly(2026, 1, 1));
        RecognitionRules.ExpireIfDue(revoked, Day).ShouldBeFalse();
        revoked.Status.ShouldBe(RecognitionStatus.Revoked);
    }

    [Fact]
    public void A_chief_quality_officer_qualifies_by_position_hours_and_certificate_each_refused_on_its_field()
    {
        var rule = new CqoQualification();
        rule.Check("质量总监", 40, "CQO-1").ShouldBeEmpty();
        rule.Check("车间主任", 12, " ").Select(p => (p.Field, p.Key)).ShouldBe(
            [("Position", "recognition.error.cqo_position"), ("TrainingHours", "recognition.error.cqo_hours"), ("CertificateNumber", "recognition.error.cqo_certificate_required")]);
        rule.Check(null, null, null).Select(p => p.Key).ShouldBe(
            ["recognition.error.cqo_position_required", "recognition.error.cqo_hours_required", "recognition.error.cqo_certificate_required"]);
    }

    [Fact]
    public void The_qualification_is_read_from_configuration_and_a_negative_minimum_is_refused_at_start()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Recognition:ChiefQualityOfficer:MinTrainingHours"] = "24", ["Recognition:ChiefQualityOfficer:CertificateRequired"] = "false",
            ["Recognition:ChiefQualityOfficer:Positions:0"] = "质量副总",
        }).Build();
        var rule = CqoQualification.From(config);
        rule.Check("质量副总", 24, null).ShouldBeEmpty();
        rule.Check("质量总监", 24, null).ShouldHaveSingleItem().Field.ShouldBe("Position");
        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Recognition:ChiefQualityOfficer:MinTrainingHours"] = "-1" }).Build();
        Should.Throw<InvalidOperationException>(() => CqoQualification.From(bad)).Message.ShouldContain("MinTrainingHours");
    }
}
