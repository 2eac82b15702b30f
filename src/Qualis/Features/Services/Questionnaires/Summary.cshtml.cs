using System.Text.Json;
using Qualis.Features.Shared;

namespace Qualis.Features.Services.Questionnaires;

/// <summary>
/// 问卷汇总: the needs of the firms of the caller's area by area and option, and by city (sent, answered, the needs of each
/// area), with charts and an export of the option counts per city.
/// </summary>
[Authorize(Policy = ServicesModule.ReadersPolicy)]
public sealed class SummaryModel(QualisDb db, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public Questionnaire Questionnaire { get; private set; } = null!;
    public QuestionnaireSummary Summary { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>The option counts, one line per option, a column per city and the total.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var s = Summary;
        var headers = new List<string> { l["services.question.number"], l["services.question.area"], l["services.question.text"], l["services.option"], l["services.total"] };
        headers.AddRange(s.Cities.Select(c => c.Name));
        var rows = s.Questions.Where(q => q.Kind != QuestionKind.Text).SelectMany(q => q.OptionList.Select((o, i) =>
        {
            var row = new List<object?> { q.Number, l[q.Area.TextKey()].Value, q.Text, o, s.Count(q.Id, i + 1) };
            row.AddRange(s.Cities.Select(c => (object?)s.Count(q.Id, i + 1, c.Code)));
            return row.ToArray();
        })).ToList().ToAsyncEnumerable();
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        return Download.Table(format, english ? "questionnaire-summary" : "问卷需求汇总", headers, rows);
    }

    /// <summary>The charts' data for wwwroot/js/services.js (a data attribute: the CSP forbids inline scripts).</summary>
    public string AreaChart => JsonSerializer.Serialize(new
    {
        title = l["services.chart.areas"].Value,
        labels = Enum.GetValues<ServiceArea>().Select(a => l[a.TextKey()].Value),
        series = new[] { new { name = l["services.needs"].Value, data = Enum.GetValues<ServiceArea>().Select(a => Summary.Needs(a)) } },
    });

    public string CityChart => JsonSerializer.Serialize(new
    {
        title = l["services.chart.cities"].Value,
        labels = Summary.Cities.Select(c => c.Name),
        series = new[]
        {
            new { name = l["services.sent"].Value, data = Summary.Cities.Select(c => Summary.ByCity[c.Code].Sent) },
            new { name = l["services.answered"].Value, data = Summary.Cities.Select(c => Summary.ByCity[c.Code].Answered) },
        },
    });

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await db.Set<Questionnaire>().AsNoTracking().FirstOrDefaultAsync(q => q.Id == Id, ct) is not { } q) return false;
        Questionnaire = q;
        Summary = await QuestionnaireSummary.ForAsync(db, Id, Texts.IsEnglish(CultureInfo.CurrentUICulture), ct);
        return true;
    }
}
