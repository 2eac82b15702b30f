namespace Qualis.Features.Registry.Enterprises;

/// <summary>A figure the size table uses: 从业人员 (persons), 营业收入 or 资产总额 (in yuan here; the table is in 万元).</summary>
public enum SizeIndicator { Employees, Revenue, TotalAssets }

/// <summary>One indicator of a row with its lower bounds for large, medium and small (below small is micro).</summary>
public sealed record SizeBounds(SizeIndicator Indicator, decimal Large, decimal Medium, decimal Small);

/// <summary>A row of the 2017 table: the industry (group) it covers and its one or two indicators.</summary>
public sealed record SizeRow(string Chinese, string English, params SizeBounds[] Bounds);

/// <summary>
/// 统计上大中小微型企业划分办法(2017) (国统字〔2017〕213号): the size class from the industry (GB/T 4754-2017) and the
/// figures. Large, medium and small must reach every lower bound of their row, else they drop a class; micro needs
/// only one figure below the small bound (大型、中型和小型企业须同时满足所列指标的下限，否则下划一档；微型企业只须满足
/// 所列指标中的一项即可). So the class is the lowest class any one figure reaches.
/// A missing figure leaves the class unknown (null: the officer enters it), except that one figure below the small
/// bound already makes the enterprise micro whatever the other is. Industries the 办法 does not cover (finance,
/// education, health, public administration, railway transport, 自有房地产经营活动) and codes too coarse to pick a row
/// (section F is wholesale or retail) give null too.
/// </summary>
public static class SizeClassifier
{
    private const decimal Wan = 10_000m; // 万元 → yuan

    private static SizeBounds Persons(decimal large, decimal medium, decimal small) => new(SizeIndicator.Employees, large, medium, small);
    private static SizeBounds Revenue(decimal large, decimal medium, decimal small) => new(SizeIndicator.Revenue, large * Wan, medium * Wan, small * Wan);
    private static SizeBounds Assets(decimal large, decimal medium, decimal small) => new(SizeIndicator.TotalAssets, large * Wan, medium * Wan, small * Wan);

    // The table of the 办法 (revenue and assets in 万元 here, converted to yuan above).
    public static readonly SizeRow Agriculture = new("农、林、牧、渔业", "Agriculture, forestry, animal husbandry, fishery", Revenue(20000, 500, 50));
    public static readonly SizeRow Industry = new("工业", "Industry (mining, manufacturing, power/heat/gas/water)", Persons(1000, 300, 20), Revenue(40000, 2000, 300));
    public static readonly SizeRow Construction = new("建筑业", "Construction", Revenue(80000, 6000, 300), Assets(80000, 5000, 300));
    public static readonly SizeRow Wholesale = new("批发业", "Wholesale", Persons(200, 20, 5), Revenue(40000, 5000, 1000));
    public static readonly SizeRow Retail = new("零售业", "Retail", Persons(300, 50, 10), Revenue(20000, 500, 100));
    public static readonly SizeRow Transport = new("交通运输业", "Transport (except railway)", Persons(1000, 300, 20), Revenue(30000, 3000, 200));
    public static readonly SizeRow Warehousing = new("仓储业", "Warehousing", Persons(200, 100, 20), Revenue(30000, 1000, 100));
    public static readonly SizeRow Postal = new("邮政业", "Postal services", Persons(1000, 300, 20), Revenue(30000, 2000, 100));
    public static readonly SizeRow Accommodation = new("住宿业", "Accommodation", Persons(300, 100, 10), Revenue(10000, 2000, 100));
    public static readonly SizeRow Catering = new("餐饮业", "Catering", Persons(300, 100, 10), Revenue(10000, 2000, 100));
    public static readonly SizeRow InformationTransmission = new("信息传输业", "Information transmission (telecoms, broadcasting, internet)", Persons(2000, 100, 10), Revenue(100000, 1000, 100));
    public static readonly SizeRow Software = new("软件和信息技术服务业", "Software and IT services", Persons(300, 100, 10), Revenue(10000, 1000, 50));
    public static readonly SizeRow RealEstateDevelopment = new("房地产开发经营", "Real estate development", Revenue(200000, 1000, 100), Assets(10000, 5000, 2000));
    public static readonly SizeRow PropertyManagement = new("物业管理", "Property management", Persons(1000, 300, 100), Revenue(5000, 1000, 500));
    public static readonly SizeRow LeasingAndBusinessServices = new("租赁和商务服务业", "Leasing and business services", Persons(300, 100, 10), Assets(120000, 8000, 100));
    public static readonly SizeRow Other = new("其他未列明行业", "Other industries not listed", Persons(300, 100, 10));

    /// <summary>The size class; null when the industry is not covered or a figure the answer depends on is missing.</summary>
    /// <param name="industryCode">A GB/T 4754-2017 section letter (A–T) or a 2–4 digit division, group or class
    /// code, optionally after its section letter (C3011).</param>
    public static EnterpriseSize? Classify(string? industryCode, int? employees, decimal? revenueYuan, decimal? totalAssetsYuan = null)
    {
        if (RowOf(industryCode) is not { } row) return null;
        var size = EnterpriseSize.Large;
        var missing = false;
        foreach (var bounds in row.Bounds)
        {
            decimal? figure = bounds.Indicator switch
            {
                SizeIndicator.Employees => employees,
                SizeIndicator.Revenue => revenueYuan,
                _ => totalAssetsYuan,
            };
            if (figure is not { } value) { missing = true; continue; }
            var reached = value >= bounds.Large ? EnterpriseSize.Large
                : value >= bounds.Medium ? EnterpriseSize.Medium
                : value >= bounds.Small ? EnterpriseSize.Small
                : EnterpriseSize.Micro;
            if (reached > size) size = reached; // the lower class wins: the enum runs from Large to Micro
        }
        return missing && size != EnterpriseSize.Micro ? null : size;
    }

    /// <summary>The row of the table an industry code falls in; null when the 办法 does not cover it or the code is
    /// too coarse to tell.</summary>
    public static SizeRow? RowOf(string? industryCode)
    {
        var code = Platform.Import.CellText.Normalise(industryCode)?.ToUpperInvariant();
        if (code is null) return null;
        if (code.Length == 1) return code[0] is >= 'A' and <= 'T' ? BySection(code[0]) : null;
        if (code[0] is >= 'A' and <= 'Z') code = code[1..]; // "C3011": the digits decide
        if (code.Length is < 2 or > 4 || !code.All(char.IsAsciiDigit)) return null;
        var division = int.Parse(code.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture);
        var group = code.Length >= 3 ? code[..3] : null;
        return division switch
        {
            >= 1 and <= 5 => Agriculture,
            >= 6 and <= 46 => Industry, // B 采矿业 06–12, C 制造业 13–43, D 电力、热力、燃气及水 44–46
            >= 47 and <= 50 => Construction,
            51 => Wholesale,
            52 => Retail,
            53 => null, // 铁路运输业: left out of the transport row by the 办法
            >= 54 and <= 58 => Transport,
            59 => group switch { null => null, "591" => Transport, _ => Warehousing }, // 591 装卸搬运 counts as transport
            60 => Postal,
            61 => Accommodation,
            62 => Catering,
            63 or 64 => InformationTransmission,
            65 => Software,
            70 => group switch
            {
                "701" => RealEstateDevelopment,
                "702" => PropertyManagement,
                "703" or "709" => Other, // 房地产中介服务, 其他房地产业
                _ => null, // 704 房地产租赁经营 (自有房地产经营活动) is excluded; "70" alone cannot tell
            },
            71 or 72 => LeasingAndBusinessServices,
            >= 73 and <= 82 => Other, // M 科学研究和技术服务业, N 水利、环境和公共设施管理业, O 居民服务、修理和其他服务业
            85 => Other, // 社会工作
            >= 86 and <= 90 => Other, // R 文化、体育和娱乐业
            _ => null, // J 金融业 66–69, P 教育 83, 84 卫生, S 91–96, T 97, and codes that do not exist
        };
    }

    private static SizeRow? BySection(char section) => section switch
    {
        'A' => Agriculture,
        'B' or 'C' or 'D' => Industry,
        'E' => Construction,
        'H' => Accommodation, // 住宿业 and 餐饮业 have the same bounds
        'L' => LeasingAndBusinessServices,
        'M' or 'N' or 'O' or 'R' => Other,
        _ => null, // F, G, I, K and Q hold rows with different bounds; J, P, S, T are not covered
    };
}
