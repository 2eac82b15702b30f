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
}
