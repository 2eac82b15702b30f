using Qualis.Features.Recognition;

namespace Qualis.Tests.Features.Recognition;

/// <summary>The register's rules without a database: validity, the order of statuses, what each step needs, the office, the reminders.</summary>
public sealed class RecognitionRulesTests
{
    private static readonly DateOnly Day = new(2026, 6, 1);

    private static Qualis.Features.Recognition.Recognition At(RecognitionStatus status) =>
        new() { HolderName = "合肥示范企业", Status = status, GrantedOn = status >= RecognitionStatus.Granted ? Day : null, DocumentNumber = null };

    [Fact]
    public void A_validity_ending_before_it_starts_is_refused_on_its_end()
    {
        var problem = RecognitionRules.Validity(new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 30)).ShouldNotBeNull();
        problem.Field.ShouldBe("ValidTo");
        problem.Key.ShouldBe("recognition.error.validity_order");
        RecognitionRules.Validity(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 1)).ShouldBeNull();
        RecognitionRules.Validity(null, new DateOnly(2026, 5, 1)).ShouldBeNull();
        RecognitionRules.Validity(new DateOnly(2026, 5, 1), null).ShouldBeNull();
    }

    [Theory]
    [InlineData(RecognitionStatus.Applied, RecognitionStatus.UnderReview, true)]
    [InlineData(RecognitionStatus.UnderReview, RecognitionStatus.Announced, true)]
    [InlineData(RecognitionStatus.Applied, RecognitionStatus.Granted, false)]
    [InlineData(RecognitionStatus.Applied, RecognitionStatus.Announced, false)]
    [InlineData(RecognitionStatus.Announced, RecognitionStatus.UnderReview, false)]
    [InlineData(RecognitionStatus.Announced, RecognitionStatus.Revoked, false)]
    [InlineData(RecognitionStatus.Granted, RecognitionStatus.Expired, true)]
    [InlineData(RecognitionStatus.Granted, RecognitionStatus.Applied, false)]
    [InlineData(RecognitionStatus.Expired, RecognitionStatus.Revoked, false)]
    [InlineData(RecognitionStatus.Revoked, RecognitionStatus.Granted, false)]
    public void Statuses_move_only_forward_one_step_at_a_time(RecognitionStatus from, RecognitionStatus to, bool allowed)
    {
        var r = At(from);
        var problems = RecognitionRules.Move(r, to, Day.AddDays(10), "理由", "皖质强〔2026〕1号");
        problems.Count.ShouldBe(allowed ? 0 : 1);
        r.Status.ShouldBe(allowed ? to : from);
        if (!allowed) problems[0].Key.ShouldBe("recognition.error.step_out_of_order");
    }

    [Fact]
    public void A_grant_needs_its_document_and_sets_its_day_and_validity_start()
    {
        var r = At(RecognitionStatus.Announced);
        var refused = RecognitionRules.Move(r, RecognitionStatus.Granted, Day, null, "  ");
        refused.ShouldHaveSingleItem().Field.ShouldBe("DocumentNumber");
        r.Status.ShouldBe(RecognitionStatus.Announced);

        r.ValidTo = Day.AddDays(-1);
        RecognitionRules.Move(r, RecognitionStatus.Granted, Day, null, "皖质强〔2026〕3号").ShouldHaveSingleItem().Field.ShouldBe("ValidTo");
        r.ValidTo = Day.AddYears(3);
        RecognitionRules.Move(r, RecognitionStatus.Granted, Day, null, "皖质强〔2026〕3号").ShouldBeEmpty();
        (r.Status, r.GrantedOn, r.ValidFrom, r.DocumentNumber).ShouldBe((RecognitionStatus.Granted, (DateOnly?)Day, (DateOnly?)Day, "皖质强〔2026〕3号"));
    }

    [Fact]
    public void A_revocation_needs_its_reason_and_keeps_it_with_its_day()
    {
        var r = At(RecognitionStatus.Granted);
        RecognitionRules.Move(r, RecognitionStatus.Revoked, Day.AddDays(30), " ", null).ShouldHaveSingleItem().Key.ShouldBe("recognition.error.reason_required");
        r.Status.ShouldBe(RecognitionStatus.Granted);
        RecognitionRules.Move(r, RecognitionStatus.Revoked, Day.AddDays(-1), "严重质量违法", null).ShouldHaveSingleItem().Key.ShouldBe("recognition.error.end_before_grant");
        RecognitionRules.Move(r, RecognitionStatus.Revoked, Day.AddDays(30), " 监督抽查发现严重质量问题 ", null).ShouldBeEmpty();
        (r.Status, r.EndedOn, r.RevocationReason).ShouldBe((RecognitionStatus.Revoked, (DateOnly?)Day.AddDays(30), "监督抽查发现严重质量问题"));
        // Ended: nothing follows.
        RecognitionRules.NextOf(r.Status).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(RecognitionLevel.National, "/340000/340100/340122/", "340000")]
    [InlineData(RecognitionLevel.Provincial, "/340000/340100/340122/", "340000")]
    [InlineData(RecognitionLevel.City, "/340000/340100/340122/", "340100")]
    [InlineData(RecognitionLevel.County, "/340000/340100/340122/", "340122")]
    [InlineData(RecognitionLevel.County, "/340000/340100/", "340100")]
    public void The_office_that_answers_is_the_levels_region_above_the_holder(RecognitionLevel level, string path, string office) =>
        RecognitionRules.OfficeOf(level, path).ShouldBe(office);

    [Theory]
    [InlineData(91, null)]
    [InlineData(90, 90)]
    [InlineData(31, 90)]
    [InlineData(30, 30)]
    [InlineData(0, 30)]
    [InlineData(-1, null)]
    public void Reminders_come_90_and_30_days_before_the_end(int daysLeft, int? stage) =>
        RecognitionRules.ReminderStage(Day.AddDays(daysLeft), Day).ShouldBe(stage);

    [Theory]
    [InlineData("/340000/", true)]
    [InlineData("/340000/340100/", true)]
    [InlineData("/340000/340100/340122/", false)]
    [InlineData("/340000/340200/", false)]
    [InlineData(null, true)]
    public void Only_the_office_that_answers_or_one_above_it_moves_a_city_level_record(string? actor, bool answers) =>
        RecognitionRules.Answers(actor, new() { RegionPath = "/340000/340100/340122/", OfficeCode = "340100" }).ShouldBe(answers);
}
