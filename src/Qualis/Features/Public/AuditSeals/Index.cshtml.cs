using Qualis.Features.Shared;
using Qualis.Platform.Audit;

namespace Qualis.Features.Public.AuditSeals;

/// <summary>
/// The audit chain's seals (审计封签公示), open to everyone: each seal's entry number, time, head hash and key id, the
/// public key that checks them, and every seal as one file (the seal file) that anyone may keep. Whoever keeps a copy can
/// later prove that the trail up to a sealed entry was rewritten or cut (<c>Qualis verify-audit --seals FILE</c>, or
/// openssl with the statements in the file).
/// </summary>
public sealed class IndexModel(QualisDb db, AuditSealKeyring keyring) : PageModel
{
    private const int PageSize = 25;
    private static readonly ListSort<AuditSeal>[] Sorts = [ListSort<AuditSeal>.By("-sequence", s => s.Sequence, descending: true)];

    public List<AuditSeal> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;
    /// <summary>The public half of the sealing key, or null when sealing is off.</summary>
    public string? PublicKey => keyring.Key?.PublicKeyPem;
    public string? KeyId => keyring.Key?.KeyId;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var page = await db.Set<AuditSeal>().AsNoTracking().PageAsync(ListRequest.From(Request, PageSize), Sorts, q => q, ct: ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
    }

    /// <summary>The public key as a PEM file.</summary>
    public IActionResult OnGetPublicKey() =>
        keyring.Key is { } key ? File(System.Text.Encoding.ASCII.GetBytes(key.PublicKeyPem), "application/x-pem-file", "qualis-audit-seal-public-key.pem") : NotFound();

    /// <summary>Every seal, oldest first, with the public key: the seal file <c>verify-audit --seals</c> reads.</summary>
    public async Task<IActionResult> OnGetFileAsync(CancellationToken ct)
    {
        var seals = await db.Set<AuditSeal>().AsNoTracking().OrderBy(s => s.Sequence).ToListAsync(ct);
        var file = new SealFile(SealFile.FormatName, keyring.Key?.PublicKeyPem, keyring.Key?.KeyId, seals.Select(SealFile.Seal.Of).ToList());
        return File(file.ToJson(), "application/json", "qualis-audit-seals.json");
    }
}
