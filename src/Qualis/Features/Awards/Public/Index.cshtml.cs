using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Awards.Public;

/// <summary>The fields of an objection, as posted.</summary>
public sealed class ObjectionForm
{
    [Display(Name = "award.objection_target")] public Guid? ApplicationId { get; set; }
    [Display(Name = "award.objection_text"), StringLength(AwardObjection.TextLength)] public string? Text { get; set; }
    [Display(Name = "award.contact_name"), StringLength(100)] public string? ContactName { get; set; }
    [Display(Name = "award.contact_phone"), StringLength(32)] public string? ContactPhone { get; set; }
}

/// <summary>
/// The government quality awards on the public site (信息公开), without signing in: the results in their 公示 with the form
/// on which anyone files an objection before it ends, and the winners of the rounds granted. Only announced and granted
/// rounds show, of every area (<see cref="AreaReason.PublicRecord"/>). A double-submitted objection is filed once (its text's hash is unique per applicant and contact).
/// </summary>
public sealed class IndexModel(QualisDb db, IStringLocalizer l, PeopleClock clock) : PageModel
{
    public List<AwardRound> Announced { get; private set; } = [];
    public List<AwardRound> Granted { get; private set; } = [];
    public List<AwardApplication> Results { get; private set; } = [];
    public bool Filed { get; private set; }
    [BindProperty] public ObjectionForm Form { get; set; } = new();

    public string? Error(string field) => ModelState.TryGetValue("Form." + field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostObjectAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid) return Page();
        var f = Form;
        void Problem(string field, string key, params object[] args) => ModelState.AddModelError("Form." + field, l[key, args]);
        var target = f.ApplicationId is { } id ? Results.FirstOrDefault(a => a.Id == id) : null;
        var round = target is null ? null : Announced.FirstOrDefault(r => r.Id == target.RoundId);
        if (target is null || round is null) Problem(nameof(f.ApplicationId), "award.error.objection_target");
        else if (round.PublicityEnds is { } end && clock.Today > end) Problem(nameof(f.ApplicationId), "award.error.publicity_over", end.ToString("yyyy-MM-dd"));
        var text = f.Text?.Trim() ?? "";
        if (text.Length < 10) Problem(nameof(f.Text), "award.error.objection_text", 10);
        if (string.IsNullOrWhiteSpace(f.ContactName)) Problem(nameof(f.ContactName), "award.error.contact_name");
        var phone = f.ContactPhone?.Trim() ?? "";
        if (phone.Length < 7 || !phone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ')) Problem(nameof(f.ContactPhone), "award.error.contact_phone");
        if (HasControl(text) || HasControl(f.ContactName)) Problem(nameof(f.Text), "award.error.control_characters");
        if (!ModelState.IsValid) return Page();

        var objection = new AwardObjection
        {
            RoundId = round!.Id, ApplicationId = target!.Id, Text = text, TextHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
            ContactName = f.ContactName!.Trim(), ContactPhone = phone, FiledAt = clock.UtcNow,
        };
        // Filed as the public files it, whoever is signed in: an official or firm of another area may object too.
        db.Actor.ActAsPublic();
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            db.Set<AwardObjection>().Add(objection);
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["award.objection_filed"].Value;
            return Redirect("/Public/Awards");
        }, () => Task.FromResult(this.AlreadyDoneAt("/Public/Awards", l["award.objection_filed"].Value)));
    }

    private static bool HasControl(string? s) => s?.Any(c => char.IsControl(c) && c is not ('\n' or '\r') || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069') == true;

    private async Task LoadAsync(CancellationToken ct)
    {
        var rounds = db.Set<AwardRound>().OutsideArea(AreaReason.PublicRecord).AsNoTracking();
        Announced = await rounds.Where(r => r.Status == RoundStatus.Announced).OrderByDescending(r => r.AnnouncedOn).Take(50).ToListAsync(ct);
        Granted = await rounds.Where(r => r.Status == RoundStatus.Granted).OrderByDescending(r => r.GrantedOn).Take(50).ToListAsync(ct);
        var ids = Announced.Concat(Granted).Select(r => r.Id).ToList();
        Results = await db.Set<AwardApplication>().OutsideArea(AreaReason.PublicRecord).AsNoTracking()
            .Where(a => ids.Contains(a.RoundId) && (a.Status == ApplicationStatus.Winner || a.Status == ApplicationStatus.Nominee || a.Status == ApplicationStatus.Granted))
            .OrderBy(a => a.Rank).ToListAsync(ct);
    }
}
