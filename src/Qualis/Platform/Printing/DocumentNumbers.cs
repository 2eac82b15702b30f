using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Audit;
using Qualis.Platform.Time;

namespace Qualis.Platform.Printing;

/// <summary>
/// 发文字号: the issuing office's code word (机关代字, e.g. "合市监抽"), the year in hexagonal brackets 〔〕 and the
/// number in the office's yearly sequence, "号" after it, no leading zeros (GB/T 9704-2012 7.2.4).
/// </summary>
public sealed record DocumentNumber(string CodeWord, int Year, int Number)
{
    public override string ToString() => $"{CodeWord}〔{Year}〕{Number}号";

    /// <summary>The province's short name (省级简称) by the first two digits of its code: the provincial office's code word starts with it.</summary>
    private static readonly Dictionary<string, string> ProvinceShortNames = new()
    {
        ["11"] = "京", ["12"] = "津", ["13"] = "冀", ["14"] = "晋", ["15"] = "蒙", ["21"] = "辽", ["22"] = "吉", ["23"] = "黑",
        ["31"] = "沪", ["32"] = "苏", ["33"] = "浙", ["34"] = "皖", ["35"] = "闽", ["36"] = "赣", ["37"] = "鲁", ["41"] = "豫",
        ["42"] = "鄂", ["43"] = "湘", ["44"] = "粤", ["45"] = "桂", ["46"] = "琼", ["50"] = "渝", ["51"] = "川", ["52"] = "贵",
        ["53"] = "云", ["54"] = "藏", ["61"] = "陕", ["62"] = "甘", ["63"] = "青", ["64"] = "宁", ["65"] = "新",
    };

    /// <summary>
    /// The market-supervision office's code word for a region and a kind of document: the province's short name for a
    /// provincial office ("皖"), otherwise the first character of the region's name ("合肥市" → "合"), then "市监" and
    /// the kind's own character ("抽" for sampling): "合市监抽".
    /// </summary>
    public static string CodeWordOf(string regionCode, string regionName, string kind)
    {
        var head = regionCode.EndsWith("0000", StringComparison.Ordinal) && ProvinceShortNames.TryGetValue(regionCode[..2], out var s)
            ? s
            : regionName.Length > 0 ? char.IsSurrogate(regionName[0]) ? regionName[..2] : regionName[..1] : "";
        return head + "市监" + kind;
    }
}

/// <summary>
/// A document number given out (发文登记): one row per document (its kind and the record it is about), holding its
/// number in the issuing office's sequence for the code word and year. Two unique indexes make the numbering safe
/// without a lock: a document is numbered once (a re-print finds its row), and a number is given once (of two
/// simultaneous first prints, the second meets the first's number and takes the next one). The register is read only
/// through <see cref="DocumentNumbering"/>, for a document whose record the caller was already allowed to see; it
/// carries who issued the number and when, and is never changed, so it is not audited and not area-filtered: an
/// office's sequence spans its whole area.
/// </summary>
public sealed class IssuedDocument : INotAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The kind of document, e.g. "SpotCheck/Sampling".</summary>
    public string Kind { get; set; } = "";
    /// <summary>The record the document is about (a spot check's id).</summary>
    public string SubjectKey { get; set; } = "";
    /// <summary>The issuing office's region code.</summary>
    public string IssuerCode { get; set; } = "";
    public string CodeWord { get; set; } = "";
    public int Year { get; set; }
    public int Number { get; set; }
    public DateTime IssuedAt { get; set; }
    public string IssuedBy { get; set; } = "";

    public DocumentNumber ToNumber() => new(CodeWord, Year, Number);
}

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> b)
    {
        b.ToTable("IssuedDocuments");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.Kind).HasMaxLength(48);
        b.Property(d => d.SubjectKey).HasMaxLength(64);
        b.Property(d => d.IssuerCode).HasMaxLength(6);
        b.Property(d => d.CodeWord).HasMaxLength(16);
        b.Property(d => d.IssuedBy).HasMaxLength(256);
        b.HasIndex(d => new { d.Kind, d.SubjectKey }).IsUnique();
        b.HasIndex(d => new { d.IssuerCode, d.CodeWord, d.Year, d.Number }).IsUnique();
    }
}

/// <summary>What a module asks to number: a kind of document about one record, issued by an office under a code word.</summary>
public sealed record NumberRequest(string Kind, string SubjectKey, string IssuerCode, string CodeWord);

/// <summary>
/// Gives a document its number the first time it is printed and the same number every time after. The year is the
/// China date's year of the first print. Concurrent first prints are settled by the register's unique indexes: the
/// loser reads again and either finds its document numbered by the other request or takes the next free number.
/// </summary>
public sealed class DocumentNumbering(QualisDb db, PeopleClock clock)
{
    /// <summary>How many times a request takes the next number after losing it to another request at once.</summary>
    private const int Attempts = 20;

    public async Task<DocumentNumber> NumberAsync(NumberRequest request, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var issued = db.Set<IssuedDocument>().AsNoTracking();
            if (await issued.Where(d => d.Kind == request.Kind && d.SubjectKey == request.SubjectKey).SingleOrDefaultAsync(ct) is { } existing)
                return existing.ToNumber();
            var year = clock.Today.Year;
            var last = await issued.Where(d => d.IssuerCode == request.IssuerCode && d.CodeWord == request.CodeWord && d.Year == year)
                .MaxAsync(d => (int?)d.Number, ct) ?? 0;
            var row = new IssuedDocument
            {
                Kind = request.Kind, SubjectKey = request.SubjectKey, IssuerCode = request.IssuerCode, CodeWord = request.CodeWord,
                Year = year, Number = NextNumber(last), IssuedAt = clock.UtcNow, IssuedBy = db.Actor.UserName ?? db.Actor.Source,
            };
            db.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return row.ToNumber();
            }
            catch (DbUpdateException e) when (OneEffect.LostRace(e) && attempt < Attempts)
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    /// <summary>The numbering rule: an office's numbers for a code word run 1, 2, 3 … within each year, without gaps.</summary>
    public static int NextNumber(int lastOfTheYear) => lastOfTheYear + 1;
}
