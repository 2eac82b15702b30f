using Qualis.Platform.Export;
using Qualis.Platform.Import;
using Qualis.Platform.Web;

namespace Qualis.Features.Registry.Import;

/// <summary>Upload a CSV or XLSX file for one kind of record; the file is checked in the background first.</summary>
[Authorize(Policy = Policies.Officials)]
[RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
[DisableRequestSizeLimit]
public sealed class IndexModel(QualisDb db, ImportRunner runner, ImportWorker worker, ImportSettings settings, IEnumerable<IImportKind> kinds, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    // Named File to match the form field; hides PageModel.File(...), which this page does not use.
    [BindProperty] public new IFormFile? File { get; set; }

    /// <summary>The kinds this official may import: reference catalogues are for administrators, a module's registers for those who keep them.</summary>
    public IReadOnlyList<IImportKind> Kinds => _kinds ??= kinds.Where(k => k.MayImport(User.IsInRole)).ToList();
    private List<IImportKind>? _kinds;
    public List<ImportJob> History { get; private set; } = [];
    public long MaxMegabytes => settings.MaxBytes / (1024 * 1024);

    public string? Error(string key) =>
        ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0 ? string.Join(" ", e.Errors.Select(x => x.ErrorMessage)) : null;

    public async Task OnGetAsync() => History = await LoadHistoryAsync();

    /// <summary>The kind's XLSX template: the sheet to fill in with a sample row and drop-down lists, and each column explained.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(string kind, CancellationToken ct)
    {
        if (Kinds.FirstOrDefault(k => k.Kind == kind) is not { } k) return NotFound();
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var file = new MemoryStream();
        await ImportTemplate.WriteAsync(file, k, db, l, english, ct);
        var name = $"{l["import.template.file", l[k.TitleKey]]}.xlsx";
        return File(file.ToArray(), TableExport.XlsxContentType, name);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Kinds.All(k => k.Kind != Kind)) ModelState.AddModelError(nameof(Kind), l["import.kind_unknown"]);
        if (File is null || File.Length == 0) ModelState.AddModelError(nameof(File), l["import.file_required"]);
        else if (File.Length > settings.MaxBytes) ModelState.AddModelError(nameof(File), l["import.file.too_large", MaxMegabytes]);
        if (!ModelState.IsValid)
        {
            History = await LoadHistoryAsync();
            return Page();
        }
        ImportJob job;
        try
        {
            await using var stream = File!.OpenReadStream();
            job = await runner.CreateJobAsync(db, Kind!, File.FileName, stream, ct);
        }
        catch (TabularFileException e)
        {
            // Only reachable when the upload was larger than it said; nothing was kept.
            ModelState.AddModelError(nameof(File), l[e.Key, e.Args]);
            History = await LoadHistoryAsync();
            return Page();
        }
        worker.Enqueue(job.Id);
        return Redirect($"/Registry/Import/{job.Id}");
    }

    private Task<List<ImportJob>> LoadHistoryAsync() =>
        db.Set<ImportJob>().AsNoTracking().OrderByDescending(j => j.CreatedAt).Take(50).ToListAsync();
}
