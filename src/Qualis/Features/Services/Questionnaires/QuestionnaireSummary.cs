namespace Qualis.Features.Services.Questionnaires;

/// <summary>
/// The summary of a questionnaire over the caller's area (需求汇总): for each question and option the number of firms that
/// chose it, per city (or the county itself for a county officer) and in all; the firms sent it and those that answered,
/// per city. It reads the counts per region path the database's triggers keep beside the answers and the recipients
/// (<see cref="QuestionnaireAnswerCount"/>, <see cref="QuestionnaireRecipientCount"/>: a few thousand rows for a province-wide
/// questionnaire, where grouping its million answer rows per request took seconds), through the area filter; the regions'
/// lines are summed into cities here.
/// </summary>
public sealed class QuestionnaireSummary
{
    public sealed record City(string Code, string Name, string RegionPath);

    public required List<City> Cities { get; init; }
    public required List<QuestionnaireQuestion> Questions { get; init; }
    /// <summary>(question, option number, city code) → the firms that chose it.</summary>
    public required Dictionary<(Guid Question, int Choice, string City), int> Chosen { get; init; }
    public required Dictionary<string, (int Sent, int Answered)> ByCity { get; init; }
    /// <summary>Free-text answers per question.</summary>
    public required Dictionary<Guid, int> Texts { get; init; }

    public int Sent => ByCity.Values.Sum(x => x.Sent);
    public int Answered => ByCity.Values.Sum(x => x.Answered);

    public int Count(Guid question, int choice) => Cities.Sum(c => Chosen.GetValueOrDefault((question, choice, c.Code)));

    public int Count(Guid question, int choice, string city) => Chosen.GetValueOrDefault((question, choice, city));

    /// <summary>The needs chosen in an area (options of its multiple-choice questions), in a city or in all.</summary>
    public int Needs(ServiceArea area, string? city = null) => Questions.Where(q => q.Area == area && q.Kind == QuestionKind.Multiple)
        .Sum(q => Enumerable.Range(1, q.OptionList.Count).Sum(o => city is null ? Count(q.Id, o) : Count(q.Id, o, city)));

    public static async Task<QuestionnaireSummary> ForAsync(QualisDb db, Guid questionnaireId, bool english, CancellationToken ct)
    {
        var cities = await db.Set<Region>().AsNoTracking().Where(r => r.Level == RegionLevel.City).OrderBy(r => r.Code).ToListAsync(ct);
        // A county officer's area holds no city: their own region is the one line.
        if (cities.Count == 0 && db.Actor.RegionPath is { } own)
            cities = await db.Set<Region>().AsNoTracking().Where(r => r.RegionPath == own).ToListAsync(ct);
        var lines = cities.Select(c => new City(c.Code, c.DisplayName(english), c.RegionPath)).ToList();
        string? CityOf(string path) => lines.FirstOrDefault(c => path.StartsWith(c.RegionPath, StringComparison.Ordinal))?.Code;

        var questions = await db.Set<QuestionnaireQuestion>().AsNoTracking().Where(q => q.QuestionnaireId == questionnaireId).OrderBy(q => q.Number).ToListAsync(ct);
        // The counts the triggers keep (QuestionnaireAnswerCount, QuestionnaireRecipientCount): a few rows per region path.
        var chosen = await db.Set<QuestionnaireAnswerCount>().AsNoTracking().Where(c => c.QuestionnaireId == questionnaireId && c.Count != 0)
            .Select(c => new { c.QuestionId, c.Choice, c.RegionPath, c.Count }).ToListAsync(ct);
        var counts = new Dictionary<(Guid, int, string), int>();
        var texts = new Dictionary<Guid, int>();
        foreach (var row in chosen)
        {
            if (row.Choice == QuestionnaireAnswerCount.FreeText)
            {
                texts[row.QuestionId] = texts.GetValueOrDefault(row.QuestionId) + row.Count;
                continue;
            }
            if (CityOf(row.RegionPath) is not { } city) continue;
            counts[(row.QuestionId, row.Choice, city)] = counts.GetValueOrDefault((row.QuestionId, row.Choice, city)) + row.Count;
        }
        var recipients = await db.Set<QuestionnaireRecipientCount>().AsNoTracking().Where(c => c.QuestionnaireId == questionnaireId)
            .Select(c => new { c.RegionPath, c.Sent, c.Answered }).ToListAsync(ct);
        var byCity = lines.ToDictionary(c => c.Code, _ => (0, 0));
        foreach (var row in recipients)
            if (CityOf(row.RegionPath) is { } city) byCity[city] = (byCity[city].Item1 + row.Sent, byCity[city].Item2 + row.Answered);
        return new QuestionnaireSummary { Cities = lines, Questions = questions, Chosen = counts, ByCity = byCity, Texts = texts };
    }
}
