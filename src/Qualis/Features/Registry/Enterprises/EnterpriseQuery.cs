using System.Linq.Expressions;
using Qualis.Features.Registry.Industries;
using Qualis.Features.Registry.Parks;
using Qualis.Features.Shared;
using Qualis.Platform.Import;

namespace Qualis.Features.Registry.Enterprises;

/// <summary>
/// The enterprise filters shared by the list page, its export and the API: name fragment, credit-code prefix,
/// region subtree, industry (code prefix), size, status and park; sortable and paged. Region scope comes from the
/// query filter, so a filter can only narrow what the caller may see.
/// </summary>
public sealed record EnterpriseFilter(
    string? Name = null, string? Code = null, string? Region = null, string? Industry = null,
    EnterpriseSize? Size = null, EnterpriseStatus? Status = null, Guid? Park = null, string? Sort = null, bool LegacyOnly = false)
{
    /// <summary>Only enterprises changed at or after this UTC instant (the API's updatedSince, 增量同步).</summary>
    public DateTime? UpdatedSince { get; init; }

    /// <summary>
    /// The list's orders, each served by an index of the enterprises (see EnterpriseConfiguration), so the chosen sort
    /// is applied however many enterprises match: names in pinyin order (<see cref="PinyinSort"/>), the credit code
    /// breaking ties. The descending ones run their index backwards, the code included.
    /// </summary>
    public static readonly IReadOnlyList<ListSort<Enterprise>> SortOrders =
    [
        ListSort<Enterprise>.By("name", e => e.NameSort).ThenBy(e => e.CreditCode),
        ListSort<Enterprise>.By("code", e => e.CreditCode),
        ListSort<Enterprise>.By("region", e => e.RegionPath).ThenBy(e => e.NameSort).ThenBy(e => e.CreditCode),
        ListSort<Enterprise>.By("established", e => e.EstablishedOn).ThenBy(e => e.CreditCode),
        ListSort<Enterprise>.By("-established", e => e.EstablishedOn, descending: true).ThenBy(e => e.CreditCode, descending: true),
        ListSort<Enterprise>.By("employees", e => e.Employees).ThenBy(e => e.CreditCode),
        ListSort<Enterprise>.By("-employees", e => e.Employees, descending: true).ThenBy(e => e.CreditCode, descending: true),
        // The order of a partner's incremental sync (updatedSince): the changed firms from its index, oldest change first.
        ListSort<Enterprise>.By("updated", e => e.UpdatedAt).ThenBy(e => e.CreditCode),
    ];

    public static readonly string[] Sorts = SortOrders.Select(s => s.Key).ToArray();

    /// <summary>Counts stop here unless the official asks for the exact count (or the last page): beyond a thousand
    /// matches "more than 1,000" is enough to page on, and counting a million costs more than a page may take.</summary>
    public const int CountCap = 1_000;

    /// <summary>A name fragment found in at least this many names is looked for along the sort's index (see PageAsync);
    /// the rows are the same either way, which a test checks with a lower figure.</summary>
    internal static int CommonName { get; set; } = 5_000;

    /// <summary>How many rows of the sort's index are read to see how densely a common fragment lies along it.</summary>
    internal const int ProbeRows = 2_000;

    /// <summary>The most rows a walk along the sort's index is expected to read for one page (about 100 ms on SQLite).</summary>
    internal const int WalkBudget = 40_000;

    /// <summary>Off in a test that must see a common fragment's page read another way than along the whole sort index.</summary>
    internal static bool WalkWholeIndex { get; set; } = true;

    private static int _startWalks;

    /// <summary>How many pages were read along a fragment's names' range (a test sees that its pages took that way).</summary>
    internal static int StartWalks => Volatile.Read(ref _startWalks);

    /// <summary>The most matches of a common fragment outside its names' range (see NameSearch.StartOf) that are sorted with the walk's first rows.</summary>
    internal const int FewOthers = 5_000;

    /// <summary>
    /// A one-character fragment cannot use the index of name pairs and is looked for by reading the names: over a million
    /// enterprises that took 4.5 s (the letter a). In an area of more enterprises than this the search asks for two
    /// characters or a smaller area instead (a county's ten thousand names are read in milliseconds).
    /// </summary>
    public const int OneCharacterArea = 100_000;

    /// <summary>Whether this is a one-character name search over too large an area (see <see cref="OneCharacterArea"/>).</summary>
    public async Task<bool> TooWideForOneCharacterAsync(QualisDb db, CancellationToken ct = default, int area = OneCharacterArea)
    {
        if (NameSearch.Fold(Name).Length != 1 || CellText.Normalise(Code) is not null || Park is not null) return false;
        var (_, within) = await FiltersAsync(db);
        // Only the region narrows the names read; on PostgreSQL IndexOrder.Within leaves its range to the caller.
        var names = IndexOrder.Within<Enterprise>(db, within);
        if (within is not null) names = names.Where(RegionRange.Within<Enterprise>(within));
        return await names.Take(area + 1).CountAsync(ct) > area;
    }

    /// <summary>One page of matches in the chosen order, with their number (exact, or capped at <see cref="CountCap"/>).</summary>
    public async Task<ListPage<EnterpriseRow>> PageAsync(QualisDb db, ListRequest request, bool english, CancellationToken ct = default, CommonNamePages? kept = null)
    {
        var key = kept is null || string.IsNullOrWhiteSpace(Name) ? null : new CommonNamePages.Key(db.Actor.RegionPath ?? "", this, request, english);
        if (key is not null && kept!.TryGet(key, out var keptPage)) return keptPage!;
        var (filters, within) = await FiltersAsync(db);
        // The page's rows are read through the chosen sort's index, which holds the filtered columns, unless a filter finds
        // few rows through its own index (a name fragment, a code prefix, a park: those few are sorted), or a region is
        // asked for in credit-code order: the code carries the registering region, so a city's firms sit together in code
        // order and the walk would pass every other city first; the region index holds the codes, and sorting a city's
        // firms there costs less (docs/benchmarks.md).
        var code = CellText.Normalise(Code);
        // So does a change time in another order than the changes' own: the planner reads the few changed firms through
        // the index of UpdatedAt and sorts them (walking the name index for them read every firm).
        var throughSortIndex = string.IsNullOrWhiteSpace(Name) && code is null && Park is null && (UpdatedSince is null || Sort == "updated")
                               && !(!string.IsNullOrWhiteSpace(Region) && Sort == "code");
        // A common fragment (科技, 5% of the names) finds too many names to read and sort for one page (300 ms on SQLite,
        // 1 s on PostgreSQL at a million enterprises); walking the sort's index until a page of them is found costs a
        // tenth. Its name pairs, in order, are a piece of the row's indexed pairs, so the walk keeps exactly the rows the
        // full-text index finds.
        Func<IQueryable<Enterprise>, IQueryable<Enterprise>> nameInRow = q => q;
        string[] equalTo = Size is null ? [] : [nameof(Enterprise.Size)];
        var common = false;
        IQueryable<Enterprise>? startInOrder = null;
        var sort = SortOrders.FirstOrDefault(s => s.Key == Sort) ?? SortOrders[0];
        var needed = (long)(request.LastPage ? 1 : Math.Max(1, request.Page)) * request.Size;
        var matches = filters(Matches(db, within));
        // The filtered rows along the chosen sort's index, and whether a walk along it pays off for this page, given how
        // many of the walk's first ProbeRows rows were found to match.
        IQueryable<Enterprise> AlongSort(bool reversed = false) =>
            sort.Apply(filters(IndexOrder.Of<Enterprise>(db, sort.Columns, equalTo, within).AsNoTracking()), reversed);
        bool PaysOff(int found) => found > 0 && needed * ProbeRows / found <= WalkBudget;
        // The count of a fragment's or a prefix's matches up to CommonName: below it, the page's total as well.
        int? counted = null;
        if (code is null && Park is null && UpdatedSince is null && NameSearch.Pairs(Name) is { } pairs
            && (counted = await matches.Take(CommonName).CountAsync(ct)) == CommonName)
        {
            common = true;
            var piece = string.Join(' ', pairs);
            // The walk pays off only where the fragment's names are spread along the sort: a city's name (芜湖, in 90,000
            // names) sits at the end of the pinyin order, and walking to it read 900,000 rows (2.4 s on SQLite). So the
            // first rows of the walk are read first, and the walk is taken only if their share of matches finds this page
            // within WalkBudget rows; otherwise the matches are sorted (250 ms for those 90,000 names).
            Expression<Func<Enterprise, bool>> holds = e => e.NameGrams.IndexOf(piece) >= 0;
            if (WalkWholeIndex && PaysOff(await AlongSort(reversed: request.LastPage).Take(ProbeRows).Where(holds).CountAsync(ct)))
            {
                nameInRow = q => q.Where(holds);
                throughSortIndex = Sort != "code" || string.IsNullOrWhiteSpace(Region);
            }
            else if (sort == SortOrders[0] && !request.LastPage && NameSearch.StartOf(Name) is { } start)
            {
                // Where the fragment's names lie together in the name order, they mostly begin with it (a city's name):
                // those that carry its start token lie in one range of sort strings and are walked from where it begins;
                // the others that hold it are told apart by the full-text index, and if they are few they are sorted
                // with the walk's first rows (a few milliseconds for 合肥's first page, against 200–360 ms sorting all
                // 180,000 matches on PostgreSQL).
                // Read through the materialized form (everyMatch: false): PostgreSQL takes "合肥 and not its start token"
                // to hold for 146,000 names, where it holds for none, and under a LIMIT read the whole table for them.
                var others = filters(NameSearch.Matching(db, pairs, without: start.Token).AsNoTracking());
                var ending = NameSearch.EndingOf(start.Token);
                var range = AlongSort().Where(e => string.Compare(e.NameSort, start.From) >= 0 && string.Compare(e.NameSort, start.To) < 0);
                Func<IQueryable<Enterprise>, IQueryable<Enterprise>> beginning = q => q.Where(e => e.NameGrams.IndexOf(ending) >= 0).Where(holds);
                if (await others.Take(FewOthers + 1).CountAsync(ct) <= FewOthers && PaysOff(await beginning(range.Take(ProbeRows)).CountAsync(ct)))
                {
                    startInOrder = beginning(range).Take((int)needed).Concat(others);
                    Interlocked.Increment(ref _startWalks);
                }
            }
        }
        // A code prefix most codes share (9, 91340: the province's firms) finds too many firms to sort for one page (2 s
        // on SQLite at a million enterprises for code=9); so, as for a common name fragment, the sort's index is walked
        // and each firm's code checked, where the probe finds such codes spread along it. In code order the code's own
        // index serves the page already.
        if (code?.ToUpperInvariant() is { } prefix && Sort != "code" && string.IsNullOrWhiteSpace(Name) && Park is null && UpdatedSince is null
            && (counted = await matches.Take(CommonName).CountAsync(ct)) == CommonName)
        {
            common = true;
            var end = prefix + "\u007f";
            Expression<Func<Enterprise, bool>> withPrefix = e => string.Compare(e.CreditCode, prefix) >= 0 && string.Compare(e.CreditCode, end) < 0;
            if (PaysOff(await AlongSort(reversed: request.LastPage).Take(ProbeRows).Where(withPrefix).CountAsync(ct)))
            {
                nameInRow = q => q.Where(withPrefix);
                throughSortIndex = true;
            }
        }
        // The walks test each row with a position (strpos, instr), not LIKE: PostgreSQL estimated from LIKE '%…%' that a
        // fragment in 5,800 names was in 84, and read the whole table in parallel and sorted it for page 3 (400 ms)
        // rather than walk the name index; a position test it takes to hold for a third of the rows, so it walks.
        // Matches sorted for their page are read whole from the name index (see IPhraseIndex.Matching).
        Func<ListSort<Enterprise>, IQueryable<Enterprise>>? inOrder =
            startInOrder is not null ? _ => startInOrder
            : throughSortIndex ? sort => nameInRow(filters(IndexOrder.Of<Enterprise>(db, sort.Columns, equalTo, within).AsNoTracking()))
            : code is null && NameSearch.Pairs(Name) is { } sortedPairs ? _ => filters(NameSearch.Matching(db, sortedPairs, everyMatch: true, narrowed: Narrowed(db, within)).AsNoTracking())
            : null;
        var page = await matches.PageAsync(request with { Sort = Sort }, SortOrders, o => o.Project(db, english), CountCap, ct,
            inOrder,
            // The page's codes from the index, then its 25 rows: a city's firms in code order are sorted in the region
            // index (which holds the codes) without reading each row.
            rows => db.Set<Enterprise>().AsNoTracking().Where(e => rows.Select(p => p.CreditCode).Contains(e.CreditCode)),
            // A common fragment was counted to CommonName already: more than the cap, no need to count again.
            atLeast: common ? CommonName : null, counted: counted < CommonName ? counted : null);
        if (common && key is not null) kept!.Keep(key, page);
        return page;
    }

    /// <summary>
    /// Enterprises whose name contains the fragment, through each database's full-text index of name pairs
    /// (<see cref="NameSearch"/>); a one-character fragment is looked for by scanning, which the index cannot serve.
    /// </summary>
    /// <summary>Whether the rows are narrowed to a city or a county, by the region filter or the caller's own area
    /// (a path of more than one region, such as /340000/340100/).</summary>
    private static bool Narrowed(QualisDb db, string? within)
    {
        static bool Deep(string? path) => path is not null && path.Count(c => c == '/') > 2;
        return Deep(within) || Deep(db.Actor.RegionPath);
    }

    private static IQueryable<Enterprise> NameMatches(QualisDb db, string fragment, bool narrowed)
    {
        if (NameSearch.Pairs(fragment) is not { } pairs)
        {
            var n = NameSearch.Fold(fragment);
            return db.Set<Enterprise>().Where(e => e.Name.Contains(n));
        }
        return NameSearch.Matching(db, pairs, narrowed: narrowed);
    }

    /// <summary>The filtered enterprises in the chosen order, for exports that take them all.</summary>
    public async Task<IQueryable<Enterprise>> ApplyAsync(QualisDb db) => (await WhereAsync(db)).Ordered(Sort, SortOrders);

    /// <summary>The filtered enterprises, unordered.</summary>
    public async Task<IQueryable<Enterprise>> WhereAsync(QualisDb db)
    {
        var (filters, within) = await FiltersAsync(db);
        return filters(Matches(db, within));
    }

    /// <summary>The enterprises the name fragment or the code prefix finds (those of the region filter's subtree when
    /// neither is given, see <see cref="IndexOrder.Within{T}"/>).</summary>
    private IQueryable<Enterprise> Matches(QualisDb db, string? within)
    {
        IQueryable<Enterprise> q;
        if (CellText.Normalise(Code)?.ToUpperInvariant() is { } c)
        {
            // A prefix as a range, so the unique index serves it: every code that starts with c sorts from c up to
            // c + U+007F (codes are ASCII, compared bytewise: SQLite's BINARY, PostgreSQL's "C" collation on this column).
            q = IndexRange.Of<Enterprise>(db, nameof(Enterprise.CreditCode), c, c + "\u007f");
            // With a code prefix the name fragment is checked on those few rows.
            if (!string.IsNullOrWhiteSpace(Name)) { var n = NameSearch.Fold(Name); q = q.Where(e => e.Name.ToLower().Contains(n)); }
        }
        else q = string.IsNullOrWhiteSpace(Name) ? IndexOrder.Within<Enterprise>(db, within) : NameMatches(db, Name, Narrowed(db, within));
        return q.AsNoTracking();
    }

    /// <summary>The other filters, their reference look-ups done, to apply to any source of enterprises; and the region
    /// filter's path, for the source.</summary>
    private async Task<(Func<IQueryable<Enterprise>, IQueryable<Enterprise>> Apply, string? Within)> FiltersAsync(QualisDb db)
    {
        var path = string.IsNullOrWhiteSpace(Region) ? null
            : await db.Set<Region>().Where(r => r.Code == Region).Select(r => r.RegionPath).SingleOrDefaultAsync() ?? "/none/";
        var industry = Industry?.Trim().ToUpperInvariant() is { Length: > 0 } i ? i : null;
        // A section (门类, e.g. C 制造业) stands for its divisions (大类 13–43); codes are stored from the division down.
        var divisions = industry is not null && IndustryDirectory.LevelOf(industry) == IndustryLevel.Section
            ? await db.Set<Industry>().Where(d => d.ParentCode == industry).Select(d => d.Code).ToListAsync()
            : null;
        return (q =>
        {
            if (path is not null) q = q.Where(RegionRange.Within<Enterprise>(path));
            if (divisions is not null) q = q.Where(e => e.IndustryCode != null && divisions.Contains(e.IndustryCode.Substring(0, 2)));
            else if (industry is not null) q = q.Where(e => e.IndustryCode != null && e.IndustryCode.StartsWith(industry));
            if (Size is { } size) q = q.Where(e => e.Size == size);
            if (Status is { } status) q = q.Where(e => e.Status == status);
            if (Park is { } park) q = q.Where(e => e.ParkId == park);
            if (LegacyOnly) q = q.Where(e => e.CreditCodeOverrideReason != null);
            if (UpdatedSince is { } since) q = q.Where(e => e.UpdatedAt >= since);
            return q;
        }, path);
    }
}

/// <summary>One enterprise as lists and the API show it.</summary>
public sealed record EnterpriseRow(
    string CreditCode, string Name, string? LegalRepresentative, string RegionCode, string? RegionName, string? IndustryCode,
    [property: Platform.Web.ApiValues(typeof(EnterpriseSize))] string? Size, [property: Platform.Web.ApiValues(typeof(EnterpriseStatus))] string Status,
    DateOnly? EstablishedOn, int? Employees, string? Park)
{
    /// <summary>The industry's name (国民经济行业), in the caller's language where it has one.</summary>
    public string? IndustryName { get; init; }
    /// <summary>Why a code that fails its check was accepted (历史代码); null for a valid code.</summary>
    public string? LegacyCodeReason { get; init; }
}

public static class EnterpriseRows
{
    /// <summary>
    /// Reads the region, park and industry names, each by a subquery on its key: PostgreSQL plans that in a quarter of
    /// the time it took for the same three as joins (0.1 against 0.42 ms, planned afresh for every partner lookup), and
    /// the rows are the same. No OutsideArea here: in EF it lifts the area filter from the whole query, enterprises
    /// included. An enterprise in the caller's area lies in a region of that area anyway.
    /// </summary>
    public static IQueryable<EnterpriseRow> Project(this IQueryable<Enterprise> q, QualisDb db, bool english = false) =>
        q.Select(e => new EnterpriseRow(e.CreditCode, e.Name, e.LegalRepresentative, e.RegionCode,
            db.Set<Region>().Where(r => r.Code == e.RegionCode).Select(r => english && r.NameEn != null ? r.NameEn : r.Name).FirstOrDefault(),
            e.IndustryCode, e.Size == null ? null : e.Size.ToString(), e.Status.ToString(), e.EstablishedOn, e.Employees,
            db.Set<Park>().Where(p => p.Id == e.ParkId).Select(p => p.Name).FirstOrDefault())
        {
            IndustryName = db.Set<Industry>().Where(i => i.Code == e.IndustryCode).Select(i => english && i.NameEn != null ? i.NameEn : i.Name).FirstOrDefault(),
            LegacyCodeReason = e.CreditCodeOverrideReason,
        });
}
