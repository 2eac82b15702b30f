using Qualis.Features.Registry.Directories;
using Qualis.Platform.Accounts;
using Qualis.Platform.Import;
using Qualis.Platform.Time;

namespace Qualis.Features.Recognition.Import;

/// <summary>
/// The import of a register that provinces already keep in spreadsheets (名牌名录, 政府质量奖获奖名单, 首席质量官名录), through the
/// platform's import (templates, a check before the commit, every bad row named, a file written whole or not at all).
/// Each row is checked by <see cref="RecognitionRegistering"/>, as the register form is; a recognition already registered
/// (same programme, year, level and holder) is compared, not added again, so importing the same file twice writes nothing.
/// </summary>
public sealed class RecognitionImport(string kind, string titleKey, string programme, HolderKind holder, PeopleClock clock, CqoQualification cqo) : IImportKind
{
    public const string Brands = "recognition-brands", Awards = "recognition-awards", Cqos = "recognition-cqos";

    public static IEnumerable<RecognitionImport> All(PeopleClock clock, CqoQualification cqo) =>
    [
        new(Brands, "recognition.import.recognition-brands", ProgrammeCatalog.Brand, HolderKind.Enterprise, clock, cqo),
        new(Awards, "recognition.import.recognition-awards", ProgrammeCatalog.Award, HolderKind.Enterprise, clock, cqo),
        new(Cqos, "recognition.import.recognition-cqos", ProgrammeCatalog.Cqo, HolderKind.Person, clock, cqo),
    ];

    public string Kind => kind;
    public string Programme => programme;
    public string TitleKey => titleKey;

    /// <summary>Those who register recognitions (<see cref="RecognitionModule.EditorsPolicy"/>) import them.</summary>
    public IReadOnlyCollection<string>? Roles => [Platform.Accounts.Roles.ProvincialOfficer, Platform.Accounts.Roles.CityOfficer,
        Platform.Accounts.Roles.CountyOfficer, Platform.Accounts.Roles.Administrator];

    private static ImportColumn C(string key, string zh, string en, bool required, params string[] aliases) => new(key, zh, en, required, [], aliases);

    private static readonly ImportColumn CreditCodeColumn = C("credit_code", "统一社会信用代码", "Credit code", true, "社会信用代码", "信用代码", "USCC");
    private static readonly ImportColumn LevelColumn = C("level", "认定层级", "Level", true, "级别", "层级");
    private static readonly ImportColumn YearColumn = C("year", "认定年度", "Year", true, "年度", "获奖年度");
    private static readonly ImportColumn StatusColumn = C("status", "状态", "Status", false);
    private static readonly ImportColumn GrantedColumn = C("granted_on", "认定日期", "Granted on", false, "发文日期", "获奖日期");
    private static readonly ImportColumn FromColumn = C("valid_from", "有效期起", "Valid from", false, "有效期开始");
    private static readonly ImportColumn ToColumn = C("valid_to", "有效期至", "Valid to", false, "有效期截止", "有效期结束");
    private static readonly ImportColumn DocumentColumn = C("document", "认定文号", "Document number", false, "文号", "发文文号");
    private static readonly ImportColumn NoteColumn = C("note", "备注", "Note", false);

    public IReadOnlyList<ImportColumn> Columns => kind switch
    {
        Brands => [CreditCodeColumn, C("product", "名牌产品", "Product", true, "产品名称", "产品"), LevelColumn, YearColumn, StatusColumn, GrantedColumn, FromColumn, ToColumn, DocumentColumn, NoteColumn],
        Cqos => [CreditCodeColumn, C("person", "首席质量官姓名", "Name", true, "姓名", "首席质量官"), C("position", "职务", "Position", true, "职位"),
            C("hours", "培训学时", "Training hours", cqo.MinTrainingHours > 0, "学时"), C("certificate", "证书编号", "Certificate number", cqo.CertificateRequired, "培训证书编号"),
            LevelColumn, YearColumn, StatusColumn, GrantedColumn, FromColumn, ToColumn, DocumentColumn, NoteColumn],
        _ => [CreditCodeColumn, LevelColumn, YearColumn, StatusColumn, GrantedColumn, FromColumn, ToColumn, DocumentColumn, NoteColumn],
    };

    /// <summary>The enterprise's and the region's names, which registers (and the list's export) give beside the code: passed over.</summary>
    public IReadOnlyList<ImportColumn> NameColumns => [C("enterprise_name", "企业名称", "Enterprise", false, "单位名称", "获奖单位"), RegionLookup.NameColumn];

    public IReadOnlyDictionary<string, string> Sample => new Dictionary<string, string>
    {
        ["credit_code"] = "91340100000000001X", ["product"] = "示例：电线电缆（请替换本行）", ["person"] = "张三", ["position"] = cqo.Positions.FirstOrDefault() ?? "",
        ["hours"] = cqo.MinTrainingHours.ToString(CultureInfo.InvariantCulture), ["certificate"] = "CQO-2024-001", ["level"] = "省级",
        ["year"] = (clock.Today.Year - 1).ToString(CultureInfo.InvariantCulture), ["status"] = "已认定",
        ["granted_on"] = $"{clock.Today.Year - 1}-12-20", ["document"] = "皖质强〔2024〕1号",
    };

    public Task<IReadOnlyDictionary<string, ImportChoices>> ChoicesAsync(QualisDb db, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, ImportChoices>>(new Dictionary<string, ImportChoices>
        {
            ["level"] = new(["国家级", "省级", "市级", "县级"]),
            ["status"] = new(["已申报", "审核中", "已公示", "已认定"]),
            ["position"] = new([.. cqo.Positions], Strict: false),
        });

    public Task<IImportSession> OpenAsync(QualisDb db, IReadOnlySet<string> presentColumns, CancellationToken ct) =>
        Task.FromResult<IImportSession>(new Session(db, this, clock, cqo));

    /// <summary>The level's names as registers write them, in both languages.</summary>
    private static readonly Dictionary<string, RecognitionLevel> LevelNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["国家级"] = RecognitionLevel.National, ["国家"] = RecognitionLevel.National, ["省级"] = RecognitionLevel.Provincial, ["省"] = RecognitionLevel.Provincial,
        ["市级"] = RecognitionLevel.City, ["市"] = RecognitionLevel.City, ["设区市"] = RecognitionLevel.City, ["县级"] = RecognitionLevel.County,
        ["县"] = RecognitionLevel.County, ["县（市、区）"] = RecognitionLevel.County, ["区县"] = RecognitionLevel.County,
    };

    private static readonly Dictionary<string, RecognitionStatus> StatusNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["已申报"] = RecognitionStatus.Applied, ["审核中"] = RecognitionStatus.UnderReview, ["已公示"] = RecognitionStatus.Announced, ["公示中"] = RecognitionStatus.Announced,
        ["已认定"] = RecognitionStatus.Granted, ["有效"] = RecognitionStatus.Granted, ["Under review"] = RecognitionStatus.UnderReview,
    };

    /// <summary>The register's field a problem names, as the file's column.</summary>
    private static string ColumnOf(string field) => field switch
    {
        nameof(RecognitionForm.CreditCode) => "credit_code",
        nameof(RecognitionForm.HolderName) => "person",
        nameof(RecognitionForm.Level) => "level",
        nameof(RecognitionForm.Year) => "year",
        nameof(RecognitionForm.Status) => "status",
        nameof(RecognitionForm.GrantedOn) => "granted_on",
        nameof(RecognitionForm.ValidFrom) => "valid_from",
        nameof(RecognitionForm.ValidTo) => "valid_to",
        nameof(RecognitionForm.DocumentNumber) => "document",
        nameof(RecognitionForm.Product) => "product",
        nameof(RecognitionForm.Position) => "position",
        nameof(RecognitionForm.TrainingHours) => "hours",
        nameof(RecognitionForm.CertificateNumber) => "certificate",
        _ => "",
    };

    private sealed class Session(QualisDb db, RecognitionImport kind, PeopleClock clock, CqoQualification cqo) : IImportSession
    {
        public ImportRecord? Parse(ImportRow row, List<RowProblem> problems)
        {
            var code = row["credit_code"]?.ToUpperInvariant();
            if (code is null) problems.Add(new("credit_code", null, "import.required", "统一社会信用代码 / Credit code"));
            var form = new RecognitionForm
            {
                ProgrammeCode = kind.Programme, HolderKind = kind.Holder, CreditCode = code, HolderName = row.Text("person"), Product = row.Text("product"),
                Position = row.Text("position"), CertificateNumber = row.Text("certificate"), DocumentNumber = row.Text("document"), Note = row.Text("note"),
                Status = RecognitionStatus.Granted,
            };
            if (row["level"] is { } level)
            {
                if (LevelNames.TryGetValue(level, out var l) || Enum.TryParse(level, true, out l) && Enum.IsDefined(l) && !int.TryParse(level, out _)) form.Level = l;
                else problems.Add(new("level", level, "recognition.import.level_unknown", level));
            }
            else problems.Add(new("level", null, "import.required", "认定层级 / Level"));
            if (row["year"] is { } year)
            {
                if (int.TryParse(year.Replace("年", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var y)) form.Year = y;
                else problems.Add(new("year", year, "import.not_whole_number", year));
            }
            else problems.Add(new("year", null, "import.required", "认定年度 / Year"));
            if (row["status"] is { } status)
            {
                if (StatusNames.TryGetValue(status, out var s) || Enum.TryParse(status, true, out s) && RecognitionRules.EntryStatuses.Contains(s) && !int.TryParse(status, out _)) form.Status = s;
                else problems.Add(new("status", status, "recognition.import.status_unknown", status));
            }
            if (row["hours"] is { } hours)
            {
                if (int.TryParse(hours, NumberStyles.None, CultureInfo.InvariantCulture, out var h)) form.TrainingHours = h;
                else problems.Add(new("hours", hours, "import.not_whole_number", hours));
            }
            form.GrantedOn = Date(row, "granted_on", problems);
            form.ValidFrom = Date(row, "valid_from", problems);
            form.ValidTo = Date(row, "valid_to", problems);
            foreach (var (column, value, max) in new[] { ("product", form.Product, Recognition.NameLength), ("person", form.HolderName, Recognition.NameLength),
                ("position", form.Position, Recognition.DocumentLength), ("certificate", form.CertificateNumber, Recognition.DocumentLength),
                ("document", form.DocumentNumber, Recognition.DocumentLength), ("note", form.Note, Recognition.TextLength) })
                if (value?.Length > max) problems.Add(new(column, value[..20] + "…", "recognition.import.too_long", max));
            var key = string.Join('|', kind.Programme, form.Year, form.Level, code, kind.Holder == HolderKind.Enterprise ? "" : form.HolderName);
            return new ImportRecord(row.Number, key, form);
        }

        private static DateOnly? Date(ImportRow row, string column, List<RowProblem> problems)
        {
            if (row[column] is not { } text) return null;
            if (DateParser.TryParse(text, out var date, out var problem)) return date;
            problems.Add(new(column, text, problem!, text));
            return null;
        }

        public async Task<BatchCounts> ApplyAsync(IReadOnlyList<ImportRecord> batch, bool write, Action<int, RowProblem> problem, CancellationToken ct)
        {
            var counts = new BatchCounts();
            var fresh = new List<Recognition>();
            foreach (var record in batch)
            {
                var form = (RecognitionForm)record.Value;
                var (r, problems) = await RecognitionRegistering.CheckAsync(db, form, clock, db.Actor.UserName ?? "", english: false, cqo, ct);
                foreach (var p in problems)
                    problem(record.Row, new RowProblem(ColumnOf(p.Field), null, p.Key, [.. p.Args.Select(a => a is string s && s.StartsWith("recognition.", StringComparison.Ordinal) ? s : a)]));
                if (r is null) continue;
                // The register's once-only key (IX_Recognitions_Once): a title registered before is compared, not added again.
                var stored = await db.Set<Recognition>().SingleOrDefaultAsync(x => x.ProgrammeCode == r.ProgrammeCode && x.Year == r.Year && x.Level == r.Level
                    && x.RegionCode == r.RegionCode && x.HolderName == r.HolderName, ct);
                if (stored is null)
                {
                    fresh.Add(r);
                    continue;
                }
                // What a register says of a title: its document, dates and the programme's own fields. Its status moves on its page.
                stored.Product = r.Product;
                stored.DocumentNumber = r.DocumentNumber ?? stored.DocumentNumber;
                stored.GrantedOn = r.GrantedOn ?? stored.GrantedOn;
                stored.ValidFrom = r.ValidFrom ?? stored.ValidFrom;
                stored.ValidTo = r.ValidTo ?? stored.ValidTo;
                stored.Position = r.Position;
                stored.TrainingHours = r.TrainingHours;
                stored.CertificateNumber = r.CertificateNumber;
                stored.Note = r.Note ?? stored.Note;
                if (db.Entry(stored).Properties.Any(p => p.IsModified)) counts.Changed++;
                else counts.Unchanged++;
            }
            counts.New = fresh.Count;
            try
            {
                if (write)
                {
                    db.Set<Recognition>().AddRange(fresh);
                    await db.SaveChangesAsync(ct);
                }
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
            return counts;
        }
    }

    private HolderKind Holder => holder;
}
