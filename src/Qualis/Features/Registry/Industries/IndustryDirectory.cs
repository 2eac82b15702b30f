using System.Linq.Expressions;
using Qualis.Features.Registry.Directories;
using Qualis.Features.Shared;
using Qualis.Platform.Import;

namespace Qualis.Features.Registry.Industries;

/// <summary>
/// 国民经济行业分类 GB/T 4754-2017. Sections and divisions are built in; groups (中类) and classes (小类) can be loaded
/// from a file. A code's level follows from its form: a letter, then 2, 3 or 4 digits, each under the one before.
/// </summary>
public sealed class IndustryDirectory : Directory<Industry>
{
    public override string Kind => "industries";
    public override string TitleKey => "nav.industries";
    public override bool AdministratorsOnly => true;
    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        Column("code", "行业代码", "Industry code", true, [nameof(Industry.Code), nameof(Industry.Level)], "代码", "Code"),
        Column("name", "行业名称", "Industry name", true, [nameof(Industry.Name)], "名称", "类别名称", "Name"),
        Column("name_en", "英文名称", "English name", false, [nameof(Industry.NameEn)]),
        Column("parent", "上级代码", "Parent code", false, [nameof(Industry.ParentCode)], "门类", "上级"),
    ];
    protected override string KeyProperty => nameof(Industry.Code);
    protected override Func<Industry, string> KeyOf => i => i.Code;
    protected override Expression<Func<Industry, object?[]>> Row => i => new object?[] { i.Code, i.Name, i.NameEn, i.ParentCode };
    protected override IQueryable<Industry> Search(IQueryable<Industry> q, string s) => q.Where(i => i.Name.Contains(s) || i.Code.StartsWith(s));
    protected override ListSort<Industry> Order { get; } = ListSort<Industry>.By("code", i => i.Code);

    /// <summary>The sections and divisions as a filter's choices (a section stands for its divisions), in code order.</summary>
    public static async Task<List<(string Code, string Label)>> FilterChoicesAsync(QualisDb db, bool english) =>
        (await db.Set<Industry>().AsNoTracking().Where(i => i.Level <= IndustryLevel.Division).OrderBy(i => i.Code).ToListAsync())
        .Select(i => (i.Code, (i.Level == IndustryLevel.Division ? "\u3000" : "") + i.Code + " " + (english && i.NameEn is not null ? i.NameEn : i.Name))).ToList();

    public static IndustryLevel? LevelOf(string code) => code switch
    {
        { Length: 1 } when code[0] is >= 'A' and <= 'T' => IndustryLevel.Section,
        { Length: >= 2 and <= 4 } when code.All(char.IsAsciiDigit) => (IndustryLevel)code.Length,
        _ => null,
    };

    protected override async Task<Func<ImportRow, List<RowProblem>, Industry?>> ParserAsync(QualisDb db, CancellationToken ct)
    {
        var known = await db.Set<Industry>().AsNoTracking().ToDictionaryAsync(i => i.Code, i => i.ParentCode, ct);
        return (row, problems) =>
        {
            var i = new Industry { Code = Required(row, "code", problems, "行业代码 / Industry code").ToUpperInvariant(), Name = Required(row, "name", problems, "行业名称 / Industry name") };
            i.NameEn = row["name_en"];
            if (i.Code.Length == 0) return i;
            if (LevelOf(i.Code) is not { } level)
            {
                problems.Add(new RowProblem("code", i.Code, "import.industry_code_form", i.Code));
                return i;
            }
            i.Level = level;
            // Groups and classes sit under the code one digit shorter; a division names its section.
            var expected = level >= IndustryLevel.Group ? i.Code[..^1] : null;
            i.ParentCode = row["parent"]?.ToUpperInvariant() ?? expected ?? known.GetValueOrDefault(i.Code);
            if (level == IndustryLevel.Section) i.ParentCode = null;
            else if (i.ParentCode is null || !known.ContainsKey(i.ParentCode) || (expected is not null && i.ParentCode != expected)
                     || (level == IndustryLevel.Division && LevelOf(i.ParentCode) != IndustryLevel.Section))
                problems.Add(new RowProblem("parent", i.ParentCode, "import.parent_unknown", i.ParentCode ?? ""));
            known.TryAdd(i.Code, i.ParentCode);
            return i;
        };
    }
}
