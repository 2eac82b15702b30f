namespace Qualis.Features.Services.Questionnaires;

/// <summary>The text keys of the module's enums (their values are listed by [TextKeys] for the texts test).</summary>
public static class ServiceTextKeys
{
    public static string TextKey(this ServiceArea a) => "services.area." + a.ToString().ToLowerInvariant();
    public static string TextKey(this QuestionKind k) => "services.question_kind." + k.ToString().ToLowerInvariant();
    public static string TextKey(this AnswerChannel c) => "services.channel." + c.ToString().ToLowerInvariant();
    public static string TextKey(this Events.ServiceEventKind k) => "services.event_kind." + k.ToString().ToLowerInvariant();
    public static string TextKey(this Events.ServiceMode m) => "services.mode." + m.ToString().ToLowerInvariant();
}

/// <summary>A refusal or a field message: a text key and its arguments, on a field of the form ("" for the whole form).</summary>
public sealed record ServiceProblem(string Field, string Key, params object[] Args);

/// <summary>One question as the rules see it: its id, kind, number of options and whether it must be answered.</summary>
public sealed record QuestionShape(Guid Id, int Number, QuestionKind Kind, int OptionCount, bool Required);

/// <summary>What a firm posted for one question: the option numbers it chose (as posted) and its text.</summary>
public sealed record PostedAnswer(Guid QuestionId, IReadOnlyList<string> Choices, string? Text);

/// <summary>A checked answer row: an option number or a text.</summary>
public sealed record CheckedAnswer(Guid QuestionId, int? Choice, string? Text);

/// <summary>
/// The questionnaire's rules, without ASP.NET or EF: when a firm may answer (the window, the closing date and a reopening),
/// and whether an answer is well formed (one option for a single choice, only known options, required questions answered).
/// </summary>
public static class QuestionnaireRules
{
    /// <summary>
    /// Why a firm may not answer on <paramref name="today"/> (a China date), or null when it may: before the questionnaire
    /// opens; after it closes, unless the officers reopened it for the firm until a day not yet past; once answered.
    /// </summary>
    public static ServiceProblem? AnsweringRefused(DateOnly today, DateOnly opensOn, DateOnly closesOn, DateOnly? reopenedUntil, bool answered)
    {
        if (answered) return new("", "services.refused.answered");
        if (today < opensOn) return new("", "services.refused.not_open", opensOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (today > closesOn && !(reopenedUntil is { } until && today <= until))
            return new("", "services.refused.closed", closesOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return null;
    }

    /// <summary>
    /// Why the officers may not reopen a questionnaire for a firm until <paramref name="until"/>, or null: only a firm that
    /// has not answered, only after the questionnaire opened, until today or a later day.
    /// </summary>
    public static ServiceProblem? ReopeningRefused(DateOnly today, DateOnly opensOn, DateOnly until, bool answered)
    {
        if (answered) return new("", "services.refused.answered");
        if (today < opensOn) return new("", "services.refused.not_open", opensOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (until < today) return new("Until", "services.error.reopen_past");
        return null;
    }

    /// <summary>
    /// Checks a posted answer against the questions: each posted question known and posted once; an option number that is
    /// a number of the question's options; one option at most for a single choice; text only for a text question, within
    /// its length; every required question answered. Problems name the posted field (<c>Answers[i].Choices</c> or <c>.Text</c>,
    /// <c>i</c> the question's place in the list).
    /// </summary>
    public static (List<CheckedAnswer> Rows, List<ServiceProblem> Problems) Check(IReadOnlyList<QuestionShape> questions, IReadOnlyList<PostedAnswer> posted)
    {
        var rows = new List<CheckedAnswer>();
        var problems = new List<ServiceProblem>();
        var byId = posted.GroupBy(p => p.QuestionId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var unknown in byId.Keys.Where(id => questions.All(q => q.Id != id)))
            problems.Add(new("", "services.error.unknown_question"));
        for (var i = 0; i < questions.Count; i++)
        {
            var q = questions[i];
            var field = $"Answers[{i}]";
            var mine = byId.GetValueOrDefault(q.Id) ?? [];
            var choices = mine.SelectMany(p => p.Choices).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).ToList();
            var text = string.Join("\n", mine.Select(p => p.Text?.Trim()).Where(t => !string.IsNullOrEmpty(t)));
            if (q.Kind == QuestionKind.Text)
            {
                if (choices.Count > 0) problems.Add(new(field + ".Choices", "services.error.unknown_option", q.Number));
                else if (text.Length > Questionnaire.TextLength) problems.Add(new(field + ".Text", "services.error.text_too_long", q.Number, Questionnaire.TextLength));
                else if (text.Length == 0) { if (q.Required) problems.Add(new(field + ".Text", "services.error.required", q.Number)); }
                else rows.Add(new(q.Id, null, text));
                continue;
            }
            if (text.Length > 0) problems.Add(new(field + ".Text", "services.error.text_not_asked", q.Number));
            var numbers = new List<int>();
            var bad = false;
            foreach (var c in choices)
            {
                if (!int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > q.OptionCount) bad = true;
                else if (!numbers.Contains(n)) numbers.Add(n);
            }
            if (bad) problems.Add(new(field + ".Choices", "services.error.unknown_option", q.Number));
            else if (q.Kind == QuestionKind.Single && numbers.Count > 1) problems.Add(new(field + ".Choices", "services.error.one_option", q.Number));
            else if (numbers.Count == 0) { if (q.Required) problems.Add(new(field + ".Choices", "services.error.required", q.Number)); }
            else rows.AddRange(numbers.Order().Select(n => new CheckedAnswer(q.Id, n, null)));
        }
        return problems.Count == 0 ? (rows, problems) : ([], problems);
    }

    /// <summary>
    /// The options of a question as defined (one per line): a choice question needs two to thirty distinct options of at most
    /// 100 characters each; a text question takes none.
    /// </summary>
    public static ServiceProblem? OptionsRefused(QuestionKind kind, IReadOnlyList<string> options)
    {
        if (kind == QuestionKind.Text) return options.Count == 0 ? null : new("Options", "services.error.options_for_text");
        if (options.Count < 2) return new("Options", "services.error.options_too_few");
        if (options.Count > 30) return new("Options", "services.error.options_too_many", 30);
        if (options.Any(o => o.Length > 100)) return new("Options", "services.error.option_too_long", 100);
        if (options.Distinct(StringComparer.Ordinal).Count() != options.Count) return new("Options", "services.error.options_repeated");
        return null;
    }
}
