using System.Data.Common;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Registry.Industries;
using Qualis.Features.Registry.Inspectors;
using Qualis.Features.Registry.Parks;
using Qualis.Features.Registry.ProductCategories;
using Qualis.Features.Registry.TestingAgencies;
using Qualis.Platform.Modules;

namespace Qualis.Features.Registry;

/// <summary>An enterprise as other modules see it (企业): its code, name, where it is, its industry and its products.</summary>
[ModuleFace]
public sealed record EnterpriseEntry(
    Guid Id, string CreditCode, string Name, string RegionCode, string RegionPath, string? IndustryCode, string? ProductCategories, EnterpriseSize? Size = null);

/// <summary>A product category (产品类别) with its sampling rule: test samples and reserve samples (实施细则, e.g. 3+2).</summary>
[ModuleFace]
public sealed record ProductCategoryRule(string Code, string Name, string? ParentCode, int TestSamples, int ReserveSamples);

/// <summary>A section (门类) or division (大类) of GB/T 4754; a division's parent is its section.</summary>
[ModuleFace]
public sealed record IndustryHeading(string Code, string Name, string? NameEn, string? ParentCode, bool IsDivision);

/// <summary>An industrial park (产业园区) of the registry.</summary>
[ModuleFace]
public sealed record ParkEntry(Guid Id, string Name, string Level, string Type, string RegionCode, string RegionPath);

/// <summary>A testing agency (检验检测机构) a sample may be sent to.</summary>
[ModuleFace]
public sealed record TestingAgencyEntry(Guid Id, string Name, string AccreditationNumber, string? Scopes, string RegionPath);

/// <summary>An inspector of the directory (执法检查人员名录库).</summary>
[ModuleFace]
public sealed record InspectorEntry(Guid Id, string Name, string Unit, string RegionCode, string RegionPath);

/// <summary>An enforcement officer as a document names them: name and law-enforcement certificate number (执法证号).</summary>
[ModuleFace]
public sealed record InspectorCertificate(Guid Id, string Name, string CertificateNumber);

/// <summary>
/// Which enterprises a draw's directory holds: those of the area (and of the scope within it, when there is one) that
/// pass the batch's status, size, credit-class and industry conditions. Industries are sections (one letter) or
/// divisions (two digits, or a deeper code whose first two digits count).
/// </summary>
[ModuleFace]
public sealed record DrawDirectoryCriteria(
    string AreaPath, string? ScopePath, bool ExcludeClosed, List<EnterpriseStatus> Statuses, List<EnterpriseSize> Sizes,
    List<CreditRiskClass> CreditClasses, List<string> Industries, bool WithProducts);

/// <summary>
/// What other modules may read of the registry (企业名录库与基础名录), and the one write they may ask of it. Everything
/// returned is a record or a stream of rows, never a query over the registry's tables, so the registry keeps its
/// tables to itself. Queries keep the area filter unless a method says it reads every area, and why.
/// </summary>
[ModuleFace]
public static class RegistryFace
{
    /// <summary>The history's lookup of an enterprise by credit code: a module whose records hold a credit code declares the field with it (AddAuditReference).</summary>
    public const string EnterpriseByCreditCode = RegistryAuditNames.EnterpriseByCreditCode;

    /// <summary>The enterprise of a credit code in the caller's area, or null.</summary>
    public static Task<EnterpriseEntry?> FindEnterpriseAsync(QualisDb db, string creditCode, CancellationToken ct = default) =>
        Entries(db.Set<Enterprise>().AsNoTracking().Where(e => e.CreditCode == creditCode)).SingleOrDefaultAsync(ct);

    /// <summary>The names of those of the codes that are enterprises of the caller's area.</summary>
    public static Task<Dictionary<string, string>> EnterpriseNamesAsync(QualisDb db, IReadOnlyCollection<string> creditCodes, CancellationToken ct = default) =>
        db.Set<Enterprise>().AsNoTracking().Where(e => creditCodes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, e => e.Name, ct);

    /// <summary>
    /// The enterprises of the codes, of every area: a draw's targets were chosen from a directory the draw published,
    /// so reading them is not an area decision. The codes pass as one array parameter (json_each on SQLite, = ANY on
    /// PostgreSQL). Thousands of codes are read in eight parts at once, each on its own connection: a draw's firms are
    /// random rows of a large table, mostly not in memory, so the read waits on the disk rather than the CPU, and the
    /// waits overlap (9,000 firms of the benchmark's cold million-row SQLite file: 0.82 s in one query, 0.36 s in four,
    /// 0.26 s in eight).
    /// </summary>
    public static async Task<List<EnterpriseEntry>> EnterprisesOfAnyAreaAsync(QualisDb db, List<string> creditCodes, CancellationToken ct = default)
    {
        const int parts = 8, leastPerPart = 500;
        if (creditCodes.Count < parts * leastPerPart) return await DrawnAsync(db, creditCodes, ct);
        var siblings = new List<QualisDb>();
        try
        {
            for (var i = 1; i < parts && db.Sibling() is { } sibling; i++) siblings.Add(sibling);
            if (siblings.Count < parts - 1) return await DrawnAsync(db, creditCodes, ct);
            // Each part a range of the sorted codes, so each connection walks its stretch of the credit-code index in order.
            var sorted = creditCodes.Order(StringComparer.Ordinal).ToList();
            var size = (sorted.Count + parts - 1) / parts;
            var reads = siblings.Prepend(db).Select((context, i) =>
                Task.Run(() => DrawnAsync(context, sorted.GetRange(i * size, Math.Min(size, sorted.Count - i * size)), ct), ct));
            return [.. (await Task.WhenAll(reads)).SelectMany(r => r)];
        }
        finally
        {
            foreach (var sibling in siblings) await sibling.DisposeAsync();
        }
    }

    private static Task<List<EnterpriseEntry>> DrawnAsync(QualisDb db, List<string> creditCodes, CancellationToken ct) =>
        Entries(db.Set<Enterprise>().OutsideArea(AreaReason.WholeDraw).AsNoTracking().Where(e => EF.Parameter(creditCodes).Contains(e.CreditCode))).ToListAsync(ct);

    private static IQueryable<EnterpriseEntry> Entries(IQueryable<Enterprise> q) =>
        q.Select(e => new EnterpriseEntry(e.Id, e.CreditCode, e.Name, e.RegionCode, e.RegionPath, e.IndustryCode, e.ProductCategories, e.Size));

    /// <summary>
    /// The directory a draw reads, as a command whose rows are (credit code, county code, industry code, credit class
    /// letter, product categories or null) — a million rows are streamed by the caller, never loaded as entities.
    /// It reads only columns of SQLite's IX_Enterprises_Draw index (product categories aside), so there the index is
    /// scanned alone; PostgreSQL reads the table (see EnterpriseConfiguration.RegionIndex). The caller disposes the command.
    /// </summary>
    public static async Task<DbCommand> DrawDirectoryCommandAsync(QualisDb db, DrawDirectoryCriteria c, CancellationToken ct = default)
    {
        var q = db.Set<Enterprise>().AsNoTracking().Where(RegionRange.Within<Enterprise>(c.AreaPath));
        if (c.ScopePath is { } scope) q = q.Where(RegionRange.Within<Enterprise>(scope));
        if (c.ExcludeClosed) q = q.Where(e => e.Status != EnterpriseStatus.Deregistered && e.Status != EnterpriseStatus.Revoked);
        if (c.Statuses.Count > 0) q = q.Where(e => c.Statuses.Contains(e.Status));
        if (c.Sizes.Count > 0) q = q.Where(e => e.Size != null && c.Sizes.Contains(e.Size.Value));
        if (c.CreditClasses.Count > 0) q = q.Where(e => c.CreditClasses.Contains(e.CreditClass));
        if (c.Industries.Count > 0)
        {
            var divisions = await DivisionsOfSectionsAsync(db, c.Industries.Where(i => i.Length == 1).ToList(), ct);
            divisions.AddRange(c.Industries.Where(i => i.Length >= 2).Select(i => i[..2]));
            q = q.Where(e => e.IndustryCode != null && divisions.Contains(e.IndustryCode.Substring(0, 2)));
        }
        // Credit classes are stored as their letter (A = 1 … D = 4).
        var withProducts = c.WithProducts;
        return q.Select(e => new { e.CreditCode, e.RegionCode, e.IndustryCode, e.CreditClass, Products = withProducts ? e.ProductCategories : null }).CreateDbCommand();
    }

    /// <summary>
    /// Grades an enterprise of the caller's area (信用风险分类), as the credit module will: an ordinary audited write,
    /// so the audit trail keeps who changed the class, when, and from what to what. False when there is no such enterprise.
    /// </summary>
    public static async Task<bool> SetCreditClassAsync(QualisDb db, string creditCode, CreditRiskClass creditClass, CancellationToken ct = default)
    {
        if (await db.Set<Enterprise>().SingleOrDefaultAsync(e => e.CreditCode == creditCode, ct) is not { } enterprise) return false;
        if (enterprise.CreditClass == creditClass) return true;
        enterprise.CreditClass = creditClass;
        enterprise.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The product-category catalogue with the sampling rules, in code order (groups before their products).</summary>
    public static Task<List<ProductCategoryRule>> ProductCategoriesAsync(QualisDb db, CancellationToken ct = default) =>
        Rules(db.Set<ProductCategory>().AsNoTracking().OrderBy(c => c.Code)).ToListAsync(ct);

    /// <summary>One product category with its sampling rule, or null when the code is not in the catalogue.</summary>
    public static Task<ProductCategoryRule?> ProductCategoryAsync(QualisDb db, string code, CancellationToken ct = default) =>
        Rules(db.Set<ProductCategory>().AsNoTracking().Where(c => c.Code == code)).SingleOrDefaultAsync(ct);

    private static IQueryable<ProductCategoryRule> Rules(IQueryable<ProductCategory> q) =>
        q.Select(c => new ProductCategoryRule(c.Code, c.Name, c.ParentCode, c.TestSamples, c.ReserveSamples));

    /// <summary>The sections and divisions of GB/T 4754 (门类 and 大类), in code order: what choosers and groupings offer.</summary>
    public static Task<List<IndustryHeading>> IndustryHeadingsAsync(QualisDb db, CancellationToken ct = default) =>
        db.Set<Industry>().AsNoTracking().Where(i => i.Level <= IndustryLevel.Division).OrderBy(i => i.Code)
            .Select(i => new IndustryHeading(i.Code, i.Name, i.NameEn, i.ParentCode, i.Level == IndustryLevel.Division)).ToListAsync(ct);

    /// <summary>The division codes (大类) of the sections (门类, one letter each).</summary>
    public static Task<List<string>> DivisionsOfSectionsAsync(QualisDb db, List<string> sections, CancellationToken ct = default) =>
        db.Set<Industry>().Where(i => i.ParentCode != null && sections.Contains(i.ParentCode) && i.Level == IndustryLevel.Division)
            .Select(i => i.Code).ToListAsync(ct);

    /// <summary>
    /// The agencies a sample taken in the caller's area may go to: those of that area and of the areas above it (a
    /// city's samples often go to the provincial institute), in region then name order. Read on their own with the filter
    /// lifted and the areas named explicitly, never as part of a larger query.
    /// </summary>
    public static async Task<List<TestingAgencyEntry>> TestingAgenciesForCallerAsync(QualisDb db, CancellationToken ct = default)
    {
        var agencies = db.Set<TestingAgency>().AsNoTracking();
        if (db.Actor.RegionPath is { } path)
        {
            var above = Region.PathsAbove(path);
            var end = path + RegionRange.End;
            agencies = agencies.OutsideArea(AreaReason.AreasAbove)
                .Where(a => above.Contains(a.RegionPath) || (string.Compare(a.RegionPath, path) >= 0 && string.Compare(a.RegionPath, end) < 0));
        }
        return await Agencies(agencies.OrderBy(a => a.RegionPath).ThenBy(a => a.Name)).ToListAsync(ct);
    }

    /// <summary>The first agency of the whole directory, every area, in region then name order: the demo data's laboratory.</summary>
    public static Task<TestingAgencyEntry?> FirstTestingAgencyAsync(QualisDb db, CancellationToken ct = default) =>
        Agencies(db.Set<TestingAgency>().OutsideArea(AreaReason.Seeding).OrderBy(a => a.RegionPath).ThenBy(a => a.Name)).FirstOrDefaultAsync(ct);

    private static IQueryable<TestingAgencyEntry> Agencies(IQueryable<TestingAgency> q) =>
        q.Select(a => new TestingAgencyEntry(a.Id, a.Name, a.AccreditationNumber, a.Scopes, a.RegionPath));

    /// <summary>The active inspectors of an area (and of the caller's), by id: the pool a draw assigns teams from.</summary>
    public static Task<List<InspectorEntry>> InspectorPoolAsync(QualisDb db, string areaPath, CancellationToken ct = default) =>
        Inspectors(db.Set<Inspector>().AsNoTracking().Where(RegionRange.Within<Inspector>(areaPath)).Where(i => i.Active).OrderBy(i => i.Id)).ToListAsync(ct);

    /// <summary>The active inspectors of the caller's area in region then name order, as a chooser offers them.</summary>
    public static Task<List<InspectorEntry>> InspectorChoicesAsync(QualisDb db, CancellationToken ct = default) =>
        Inspectors(db.Set<Inspector>().AsNoTracking().Where(i => i.Active).OrderBy(i => i.RegionPath).ThenBy(i => i.Name)).ToListAsync(ct);

    /// <summary>The directory entry of an enforcement officer by certificate number (执法证号), in the caller's area; null when none.</summary>
    public static async Task<Guid?> InspectorByCertificateAsync(QualisDb db, string? certificateNumber, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(certificateNumber) ? null
            : await db.Set<Inspector>().AsNoTracking().Where(i => i.CertificateNumber == certificateNumber.Trim()).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(ct);

    /// <summary>Whether the id is an inspector of the caller's area, active or not.</summary>
    public static Task<bool> IsInspectorAsync(QualisDb db, Guid id, CancellationToken ct = default) =>
        db.Set<Inspector>().AnyAsync(i => i.Id == id, ct);

    /// <summary>
    /// Every inspector's name by id, every area: the names a draw writes beside the teams it assigned, from a pool the
    /// draw published, so reading them is not an area decision.
    /// </summary>
    public static Task<Dictionary<Guid, string>> InspectorNamesOfAnyAreaAsync(QualisDb db, CancellationToken ct = default) =>
        db.Set<Inspector>().OutsideArea(AreaReason.WholeDraw).AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, ct);

    /// <summary>
    /// The names and certificate numbers of a drawn team's inspectors, of any area: a sampling record (抽样单) names the
    /// samplers with their certificates, and the team was drawn from a pool the draw published.
    /// </summary>
    public static Task<List<InspectorCertificate>> InspectorCertificatesAsync(QualisDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct = default) =>
        db.Set<Inspector>().OutsideArea(AreaReason.WholeDraw).AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new InspectorCertificate(i.Id, i.Name, i.CertificateNumber)).ToListAsync(ct);

    private static IQueryable<InspectorEntry> Inspectors(IQueryable<Inspector> q) =>
        q.Select(i => new InspectorEntry(i.Id, i.Name, i.Unit, i.RegionCode, i.RegionPath));

    /// <summary>The parks of the caller's area, in region then name order, as a chooser offers them.</summary>
    public static Task<List<ParkEntry>> ParksAsync(QualisDb db, CancellationToken ct = default) =>
        Parks(db.Set<Park>().AsNoTracking().OrderBy(p => p.RegionPath).ThenBy(p => p.NameSort).ThenBy(p => p.Name)).ToListAsync(ct);

    /// <summary>
    /// A park by id, of any area: the directory of development zones is public reference data, and a form refusing a
    /// park of another area names it and where it is. Only the name and region are read.
    /// </summary>
    public static Task<ParkEntry?> ParkOfAnyAreaAsync(QualisDb db, Guid id, CancellationToken ct = default) =>
        Parks(db.Set<Park>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(p => p.Id == id)).SingleOrDefaultAsync(ct);

    /// <summary>The credit codes of the enterprises of a park within the caller's area (the registry's 所属园区), at most <paramref name="limit"/>.</summary>
    public static Task<List<string>> EnterpriseCodesOfParkAsync(QualisDb db, Guid parkId, int limit, CancellationToken ct = default) =>
        db.Set<Enterprise>().AsNoTracking().Where(e => e.ParkId == parkId).OrderBy(e => e.CreditCode).Select(e => e.CreditCode).Take(limit).ToListAsync(ct);

    private static IQueryable<ParkEntry> Parks(IQueryable<Park> q) =>
        q.Select(p => new ParkEntry(p.Id, p.Name, p.Level, p.Type, p.RegionCode, p.RegionPath));

    /// <summary>
    /// The name and region of the enterprise of a credit code, of any area, or null: a form refusing an enterprise of
    /// another area names it and where it is registered (public registration data, 企业信息公示).
    /// </summary>
    public static Task<EnterpriseEntry?> EnterpriseNamedOfAnyAreaAsync(QualisDb db, string creditCode, CancellationToken ct = default) =>
        db.Set<Enterprise>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(e => e.CreditCode == creditCode)
            .Select(e => new EnterpriseEntry(e.Id, e.CreditCode, e.Name, e.RegionCode, e.RegionPath, null, null, e.Size)).SingleOrDefaultAsync(ct);

    /// <summary>
    /// Up to <paramref name="limit"/> enterprises of an area (within the caller's) whose name contains the text or whose
    /// credit code starts with it, in pinyin order of their names: what a chooser offers. Names are found through the
    /// name-pair index, codes through the code's unique index, so the search stays fast over a million enterprises.
    /// </summary>
    public static async Task<List<EnterpriseEntry>> SearchEnterprisesAsync(QualisDb db, string text, string areaPath, int limit, CancellationToken ct = default)
    {
        var folded = NameSearch.Fold(text);
        if (folded.Length == 0) return [];
        var code = folded.ToUpperInvariant();
        IQueryable<Enterprise> q = code.Length >= 2 && char.IsAsciiDigit(code[0]) && code.All(char.IsAsciiLetterOrDigit)
            ? IndexRange.Of<Enterprise>(db, nameof(Enterprise.CreditCode), code, code + RegionRange.End)
            : NameSearch.Pairs(folded) is { } pairs ? NameSearch.Matching(db, pairs) : db.Set<Enterprise>().Where(e => e.Name.Contains(folded));
        return await Entries(q.AsNoTracking().Where(RegionRange.Within<Enterprise>(areaPath)).OrderBy(e => e.NameSort).ThenBy(e => e.CreditCode).Take(limit))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The small and micro enterprises (小微企业, by the registry's size class) of an area within the caller's that are not
    /// deregistered, revoked or moved out, in credit-code order: whom a service-needs questionnaire is sent to.
    /// </summary>
    public static Task<List<EnterpriseEntry>> SmallFirmsOfAreaAsync(QualisDb db, string areaPath, CancellationToken ct = default) =>
        Entries(db.Set<Enterprise>().AsNoTracking().Where(RegionRange.Within<Enterprise>(areaPath))
            .Where(e => (e.Size == EnterpriseSize.Small || e.Size == EnterpriseSize.Micro)
                        && e.Status != EnterpriseStatus.Deregistered && e.Status != EnterpriseStatus.Revoked && e.Status != EnterpriseStatus.MovedOut)
            .OrderBy(e => e.CreditCode)).ToListAsync(ct);

    /// <summary>Up to <paramref name="limit"/> enterprises of an area in credit-code order (the demo data's key enterprises).</summary>
    public static Task<List<EnterpriseEntry>> EnterprisesOfAreaAsync(QualisDb db, string areaPath, int limit, CancellationToken ct = default) =>
        Entries(db.Set<Enterprise>().AsNoTracking().Where(RegionRange.Within<Enterprise>(areaPath)).OrderBy(e => e.CreditCode).Take(limit)).ToListAsync(ct);
}
