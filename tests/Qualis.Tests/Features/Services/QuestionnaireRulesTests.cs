using Qualis.Features.Services.Questionnaires;

namespace Qualis.Tests.Features.Services;

/// <summary>The questionnaire's rules: the answering window, reopening, and what a well-formed answer is.</summary>
public sealed class QuestionnaireRulesTests
{
    private static readonly DateOnly Opens = new(2026, 3, 1), Closes = new(2026, 3, 31);
    private static readonly Guid Single = Guid.NewGuid(), Multiple = Guid.NewGuid(), Text = Guid.NewGuid();

    private static readonly QuestionShape[] Questions =
    [
        new(Single, 1, QuestionKind.Single, 3, Required: true),
        new(Multiple, 2, QuestionKind.Multiple, 4, Required: false),
        new(Text, 3, QuestionKind.Text, 0, Required: false),
    ];

    [Fact]
    public void A_firm_answers_within_the_window_only_unless_reopened()
    {
        QuestionnaireRules.AnsweringRefused(Opens, Opens, Closes, null, false).ShouldBeNull();
        QuestionnaireRules.AnsweringRefused(Closes, Opens, Closes, null, false).ShouldBeNull();
        QuestionnaireRules.AnsweringRefused(Opens.AddDays(-1), Opens, Closes, null, false)!.Key.ShouldBe("services.refused.not_open");
        var late = QuestionnaireRules.AnsweringRefused(Closes.AddDays(1), Opens, Closes, null, false)!;
        late.Key.ShouldBe("services.refused.closed");
        late.Args.ShouldBe(["2026-03-31"]);
        // Reopened for the firm until 10 April: the day itself still counts, the next does not.
        QuestionnaireRules.AnsweringRefused(new DateOnly(2026, 4, 10), Opens, Closes, new DateOnly(2026, 4, 10), false).ShouldBeNull();
        QuestionnaireRules.AnsweringRefused(new DateOnly(2026, 4, 11), Opens, Closes, new DateOnly(2026, 4, 10), false)!.Key.ShouldBe("services.refused.closed");
        QuestionnaireRules.AnsweringRefused(Opens.AddDays(3), Opens, Closes, null, answered: true)!.Key.ShouldBe("services.refused.answered");
    }

    [Fact]
    public void Reopening_takes_a_firm_that_has_not_answered_until_a_day_not_past()
    {
        var today = new DateOnly(2026, 4, 5);
        QuestionnaireRules.ReopeningRefused(today, Opens, today, answered: false).ShouldBeNull();
        QuestionnaireRules.ReopeningRefused(today, Opens, today.AddDays(-1), answered: false)!.Key.ShouldBe("services.error.reopen_past");
        QuestionnaireRules.ReopeningRefused(today, Opens, today.AddDays(7), answered: true)!.Key.ShouldBe("services.refused.answered");
        QuestionnaireRules.ReopeningRefused(Opens.AddDays(-2), Opens, Opens, answered: false)!.Key.ShouldBe("services.refused.not_open");
    }

    [Fact]
    public void A_well_formed_answer_gives_one_row_per_chosen_option_and_one_per_text()
    {
        var (rows, problems) = QuestionnaireRules.Check(Questions,
            [new(Single, ["2"], null), new(Multiple, ["4", "1", "4"], null), new(Text, [], "  希望提供检测补贴  ")]);
        problems.ShouldBeEmpty();
        rows.ShouldBe([new(Single, 2, null), new(Multiple, 1, null), new(Multiple, 4, null), new(Text, null, "希望提供检测补贴")]);
        // Optional questions may be left out.
        QuestionnaireRules.Check(Questions, [new(Single, ["1"], null)]).Rows.ShouldBe([new CheckedAnswer(Single, 1, null)]);
    }

    [Fact]
    public void A_malformed_answer_is_refused_on_the_field_of_its_question_and_stores_nothing()
    {
        Problems([new(Single, ["1", "2"], null)]).ShouldBe([("Answers[0].Choices", "services.error.one_option")]);
        Problems([new(Single, ["9"], null)]).ShouldBe([("Answers[0].Choices", "services.error.unknown_option")]);
        Problems([new(Single, ["x"], null)]).ShouldBe([("Answers[0].Choices", "services.error.unknown_option")]);
        Problems([new(Single, ["1"], null), new(Multiple, ["0"], null)]).ShouldBe([("Answers[1].Choices", "services.error.unknown_option")]);
        Problems([new(Multiple, ["1"], null)]).ShouldBe([("Answers[0].Choices", "services.error.required")]);
        Problems([new(Single, ["1"], null), new(Text, ["1"], null)]).ShouldBe([("Answers[2].Choices", "services.error.unknown_option")]);
        Problems([new(Single, ["1"], "文字")]).ShouldBe([("Answers[0].Text", "services.error.text_not_asked")]);
        Problems([new(Single, ["1"], null), new(Text, [], new string('长', Questionnaire.TextLength + 1))]).ShouldBe([("Answers[2].Text", "services.error.text_too_long")]);
        Problems([new(Single, ["1"], null), new(Guid.NewGuid(), ["1"], null)]).ShouldBe([("", "services.error.unknown_question")]);
        QuestionnaireRules.Check(Questions, [new(Single, ["1", "2"], null), new(Multiple, ["1"], null)]).Rows.ShouldBeEmpty();
    }

    [Fact]
    public void A_question_defined_needs_sensible_options()
    {
        QuestionnaireRules.OptionsRefused(QuestionKind.Single, ["是", "否"]).ShouldBeNull();
        QuestionnaireRules.OptionsRefused(QuestionKind.Text, []).ShouldBeNull();
        QuestionnaireRules.OptionsRefused(QuestionKind.Single, ["是"])!.Key.ShouldBe("services.error.options_too_few");
        QuestionnaireRules.OptionsRefused(QuestionKind.Multiple, ["是", "是"])!.Key.ShouldBe("services.error.options_repeated");
        QuestionnaireRules.OptionsRefused(QuestionKind.Text, ["是"])!.Key.ShouldBe("services.error.options_for_text");
        QuestionnaireRules.OptionsRefused(QuestionKind.Multiple, [.. Enumerable.Range(1, 31).Select(i => "项" + i)])!.Key.ShouldBe("services.error.options_too_many");
    }

    private static List<(string, string)> Problems(PostedAnswer[] posted) =>
        QuestionnaireRules.Check(Questions, posted).Problems.Select(p => (p.Field, p.Key)).ToList();
}
