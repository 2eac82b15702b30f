namespace Qualis.Features.Awards;

/// <summary>The text keys of the awards' enums, spelled once.</summary>
public static class AwardTexts
{
    public static string TextKey(this RoundStatus s) => "award.round_status." + s.ToString().ToLowerInvariant();
    public static string TextKey(this ApplicationStatus s) => "award.application_status." + s.ToString().ToLowerInvariant();
    public static string TextKey(this ScoreCombination c) => "award.combination." + c.ToString().ToLowerInvariant();
    /// <summary>The register's text key of a level (认定层级), spelled as the register spells it.</summary>
    public static string LevelKey(this Recognition.RecognitionLevel l) => "recognition.level." + l.ToString().ToLowerInvariant();
    public static string TextKey(this ObjectionOutcome o) => "award.objection_outcome." + o.ToString().ToLowerInvariant();

    /// <summary>A problem's arguments with the text keys among them read in the reader's language.</summary>
    public static object[] Args(IStringLocalizer l, object[] args) =>
        [.. args.Select(a => a is string s && (s.StartsWith("award.", StringComparison.Ordinal) || s.StartsWith("recognition.", StringComparison.Ordinal)) ? l[s].Value : a)];
}
