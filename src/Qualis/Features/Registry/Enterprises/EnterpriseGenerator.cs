using System.Text;

namespace Qualis.Features.Registry.Enterprises;

/// <summary>
/// A county or district (县(市、区)) the generator places enterprises in, with the names an address needs. (Not
/// "RegionInfo": System.Globalization has one, and most files here import that namespace.)
/// </summary>
/// <param name="Code">GB/T 2260 code, e.g. 340104; it becomes positions 3–8 of the credit code.</param>
/// <param name="Name">蜀山区, 肥东县, 巢湖市.</param>
/// <param name="RegionPath">"/340000/340100/340104/": the enterprise's scoping path.</param>
/// <param name="CityName">The prefecture-level city (设区市) above it: 合肥市.</param>
/// <param name="ProvinceName">安徽省.</param>
public sealed record CountyInfo(string Code, string Name, string RegionPath, string CityName, string ProvinceName)
{
    /// <summary>The county-level regions of a division tree, each with its city's and province's names.</summary>
    public static IReadOnlyList<CountyInfo> CountiesOf(IEnumerable<Region> regions)
    {
        var byCode = regions.ToDictionary(r => r.Code);
        return byCode.Values
            .Where(r => r.Level == RegionLevel.County && r.ParentCode is not null && byCode.ContainsKey(r.ParentCode))
            .Select(r =>
            {
                var city = byCode[r.ParentCode!];
                var province = city.ParentCode is not null && byCode.TryGetValue(city.ParentCode, out var p) ? p.Name : "";
                return new CountyInfo(r.Code, r.Name, r.RegionPath, city.Name, province);
            })
            .OrderBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The counties and districts of the built-in tree (the demo province, Anhui).</summary>
    public static IReadOnlyList<CountyInfo> BuiltInCounties() => CountiesOf(RegionCatalog.Build(RegionCatalog.BuiltIn()));
}

/// <summary>
/// Generates realistic, entirely fictitious enterprises for demo data and benchmarks, deterministically: the same
/// seed and regions give the same enterprises, in the same order, on any machine and .NET version. That is why it
/// has its own generator (SplitMix64) rather than <see cref="Random"/>, whose algorithm .NET may change, and draws
/// normal deviates from sums of uniforms rather than from library transcendental functions. (Employee and revenue
/// figures do go through <see cref="Math.Exp"/>; they are rounded, so a last-bit difference between platforms
/// would have to land exactly on a rounding boundary to show.)
/// <para>
/// What makes the data realistic: names in the pattern of real company names (region word + two-character trade
/// name 字号 + industry phrase + organisational form, e.g. 芜湖鑫泰电缆有限公司), unique by construction; valid
/// unified social credit codes (91 + the county's code + an organisation code: eight digits for firms registered
/// before the 2015 reform, MA… after it), unique by construction; a spread over the counties weighted towards
/// Hefei and Wuhu; a manufacturing-heavy industry mix; employees and revenue drawn log-normally per industry, so
/// that the size classes of the 2017 national thresholds come out mostly micro and small with few large; statuses,
/// founding dates 1990–2025 skewed recent, legal representatives, addresses, registered capital, and for a share of
/// them a chief quality officer, certifications, awards, brands and declared enterprise standards.
/// </para>
/// Enterprises stream one at a time: memory stays bounded however many are asked for (the per-name-bucket counters
/// are bounded by regions × phrases × forms). Text fields hold what the enterprise import would store after its
/// normalisation (ASCII ';' and parentheses: the import folds full-width ones), so a generated CSV imports to the
/// same values.
/// </summary>
public sealed class EnterpriseGenerator
{
    private readonly ulong _seed;
    private readonly Place[] _places;
    private readonly double[] _placeCumulative;
    private readonly string[] _words;
    private readonly double[] _industryCumulative;

    /// <summary>The CSV header: the enterprise import's Chinese column names, in its order.</summary>
    public static IReadOnlyList<string> CsvHeaders { get; } = EnterpriseImport.Columns.Select(c => c.Chinese).ToArray();

    /// <param name="seed">Any number; equal seeds give equal output.</param>
    /// <param name="counties">Where enterprises may be registered: county-level regions (see <see cref="CountyInfo.CountiesOf"/>).</param>
    public EnterpriseGenerator(int seed, IReadOnlyList<CountyInfo> counties)
    {
        ArgumentNullException.ThrowIfNull(counties);
        if (counties.Count == 0) throw new ArgumentException("Give at least one county or district.", nameof(counties));
        _seed = (ulong)(uint)seed;

        var words = new List<string>();
        int WordIndex(string word)
        {
            var i = words.IndexOf(word);
            if (i >= 0) return i;
            words.Add(word);
            return words.Count - 1;
        }
        _places = counties.Select(c =>
        {
            if (c.Code.Length != 6 || !c.Code.All(char.IsAsciiDigit))
                throw new ArgumentException($"Region {c.Code} {c.Name} has no six-digit GB/T 2260 code.", nameof(counties));
            var cityWord = WordIndex(ShortName(c.CityName));
            // A district's firms are named after the city (合肥…); a county's or county-level city's often after itself (肥东…).
            var ownWord = c.Name.EndsWith('区') ? cityWord : WordIndex(ShortName(c.Name));
            return new Place(c, cityWord, ownWord);
        }).ToArray();
        _words = words.ToArray();
        // A region word that begins another (X and XY) could make two decompositions of one name.
        foreach (var a in _words)
            foreach (var b in _words)
                if (a != b && b.StartsWith(a, StringComparison.Ordinal))
                    throw new ArgumentException($"Region names {a} and {b} would make ambiguous company names.", nameof(counties));

        // A city's share is spread over its counties, urban districts taking more than rural counties.
        var cityTotals = _places.GroupBy(p => CityOf(p.Region)).ToDictionary(c => c.Key, c => c.Sum(p => CountyWeight(p.Region.Name)));
        _placeCumulative = Cumulative(_places.Select(p =>
            CityShare(CityOf(p.Region)) * CountyWeight(p.Region.Name) / cityTotals[CityOf(p.Region)]));
        _industryCumulative = Cumulative(Industries.Select(i => i.Weight));
    }

    /// <summary>The first <paramref name="count"/> enterprises of this seed, one at a time.</summary>
    public IEnumerable<Enterprise> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var run = new Run(this);
        for (var i = 0; i < count; i++) yield return run.Next(i);
    }

    /// <summary>Writes the header and <paramref name="count"/> enterprises as enterprise-import CSV (money in 万元).</summary>
    public void WriteCsv(TextWriter writer, int count)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var line = new StringBuilder(512);
        AppendCsv(line, CsvHeaders);
        writer.Write(line);
        var values = new string?[CsvHeaders.Count];
        var keys = EnterpriseImport.Columns.Select(c => c.Key).ToArray();
        foreach (var e in Generate(count))
        {
            for (var i = 0; i < keys.Length; i++) values[i] = CsvValue(e, keys[i]);
            line.Clear();
            AppendCsv(line, values);
            writer.Write(line);
        }
    }

    private static string? CsvValue(Enterprise e, string key) => key switch
    {
        "credit_code" => e.CreditCode,
        "name" => e.Name,
        "region" => e.RegionCode,
        "former_names" => e.FormerNames,
        "legal_rep" => e.LegalRepresentative,
        "address" => e.Address,
        "industry" => e.IndustryCode,
        "capital" => Wan(e.RegisteredCapitalYuan),
        "employees" => e.Employees?.ToString(CultureInfo.InvariantCulture),
        "revenue" => Wan(e.RevenueYuan),
        "size" => e.Size switch
        {
            EnterpriseSize.Large => "大型",
            EnterpriseSize.Medium => "中型",
            EnterpriseSize.Small => "小型",
            EnterpriseSize.Micro => "微型",
            _ => null,
        },
        "status" => e.Status switch
        {
            EnterpriseStatus.Existing => "存续",
            EnterpriseStatus.Operating => "在业",
            EnterpriseStatus.Deregistered => "注销",
            EnterpriseStatus.Revoked => "吊销",
            _ => "迁出",
        },
        "established" => e.EstablishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "cqo" => e.ChiefQualityOfficer,
        "certifications" => e.Certifications,
        "awards" => e.QualityAwards,
        "brands" => e.Brands,
        "standards" => e.DeclaredStandards,
        "credit_class" => e.CreditClass.ToString(),
        "product_categories" => e.ProductCategories,
        _ => null, // park, code_override: the generator makes neither
    };

    private static string? Wan(decimal? yuan) => yuan is { } y ? (y / 10_000m).ToString("0.##", CultureInfo.InvariantCulture) : null;

    private static void AppendCsv(StringBuilder line, IReadOnlyList<string?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) line.Append(',');
            var v = values[i];
            if (v is null) continue;
            if (v.AsSpan().IndexOfAny(",\"\r\n") < 0) line.Append(v);
            else line.Append('"').Append(v.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        line.Append("\r\n");
    }

    /// <summary>The product categories (产品类别) that manufacturers of a division (and traders) typically make or sell.</summary>
    private static readonly Dictionary<string, string[]> ProductsOf = new()
    {
        ["14"] = ["SP01", "SP02"], ["17"] = ["FZ02"], ["18"] = ["FZ01", "ET02", "ET03"], ["19"] = ["XL01", "XL02", "XL03", "ET04"],
        ["20"] = ["JC05"], ["22"] = ["SP03"], ["24"] = ["ET01"], ["26"] = ["WH02", "WH03", "HF01", "HF02"], ["29"] = ["SL01", "SL02", "SP02"],
        ["30"] = ["JC01", "QP02"], ["31"] = ["JC02", "JC03"], ["33"] = ["RQ03", "RQ04", "JC06", "LF02"], ["34"] = ["XF01", "XF04"],
        ["35"] = ["XF02", "XF03", "LF01"], ["36"] = ["QP01", "QP02"], ["37"] = ["DD01", "DD02", "DD03", "DD04"],
        ["38"] = ["DX01", "DX02", "DX03", "JD01", "JD02", "JD03", "JD04", "DZ01", "RQ01", "RQ02"], ["39"] = ["DZ02", "DZ03", "RQ05"],
        ["51"] = ["DX01", "JD03", "ET01", "DD01", "XF01"], ["52"] = ["ET01", "DZ02", "SP02", "XL02"],
    };

    // ---- The state of one pass: a fresh one per Generate call, so every call yields the same sequence. ----

    private sealed class Run(EnterpriseGenerator g)
    {
        private SplitMix64 _random = new(g._seed);
        // How many names each (region word, phrase, form) bucket has handed out: bounded, unlike a set of all names.
        private readonly Dictionary<int, int> _bucketUse = [];
        private long _legacyCodes, _newCodes;

        public Enterprise Next(int index)
        {
            ref var r = ref _random;
            var place = g._places[Pick(ref r, g._placeCumulative)];
            var industry = Industries[Pick(ref r, g._industryCumulative)];
            var established = Established(ref r);
            var age = 2025 - established.Year;

            // Figures: log-normal per industry, older firms somewhat larger; revenue follows headcount.
            var employees = (int)Math.Max(1, Math.Round(Math.Exp(Math.Log(industry.MedianEmployees) + 0.03 * age + 1.6 * r.Normal())));
            var revenueWan = Math.Round((decimal)(employees * industry.RevenuePerEmployee * Math.Exp(0.8 * r.Normal())), 2);
            var assetsWan = revenueWan * (decimal)Math.Exp(-0.1 + 0.5 * r.Normal());
            var revenue = revenueWan * 10_000m;
            // The import derives the size from employees and revenue; rows that also need total assets (建筑业,
            // 租赁和商务服务业) get it entered, as an official would, from the assets we drew.
            var derived = SizeClassifier.Classify(industry.Division, employees, revenue);
            var size = derived ?? SizeClassifier.Classify(industry.Division, employees, revenue, assetsWan * 10_000m);

            var form = Form(ref r, industry, size);
            var phrase = r.Next(industry.Phrases.Length);
            var phraseId = PhraseIds[industry.Index][phrase];
            var word = place.OwnWord != place.CityWord && r.NextDouble() < 0.6 ? place.OwnWord : place.CityWord;
            var trade = TradeName(word, phraseId, ref form);
            var name = string.Concat(g._words[word], trade, industry.Phrases[phrase], Forms[form]);

            var e = new Enterprise
            {
                Id = SequentialId(index, ref r),
                Name = name,
                CreditCode = CreditCodeFor(place.Region.Code, established),
                RegionCode = place.Region.Code,
                RegionPath = place.Region.RegionPath,
                IndustryCode = industry.Division,
                Employees = employees,
                RevenueYuan = revenue,
                Size = size,
                SizeEntered = derived is null && size is not null,
                Status = Status(ref r),
                EstablishedOn = established,
                LegalRepresentative = PersonName(ref r),
                Address = AddressIn(place.Region, industry, ref r),
                RegisteredCapitalYuan = Capital(ref r, size) * 10_000m,
                UpdatedAt = GeneratedAt,
            };
            e.FormerNames = FormerName(ref r, word, industry, phrase, trade, established);
            Quality(ref r, e, industry, size, trade, place.Region, established);
            Supervision(e, index);
            return e;
        }

        /// <summary>
        /// The credit-risk class (A 20%, B 60%, C 15%, D 5%) and the product categories the spot checks look at, from a
        /// hash of the enterprise's number rather than the main stream, so adding them changed no other field.
        /// </summary>
        private void Supervision(Enterprise e, int index)
        {
            var h = SplitMix64.Mix((ulong)g._seed * 0x9E3779B97F4A7C15UL ^ (ulong)index);
            var roll = (h >> 40) % 100;
            e.CreditClass = roll < 20 ? CreditRiskClass.A
                : roll < 80 ? CreditRiskClass.B
                : roll < 95 ? CreditRiskClass.C
                : CreditRiskClass.D;
            if (ProductsOf.TryGetValue(e.IndustryCode ?? "", out var products))
                e.ProductCategories = products[(int)(h % (ulong)products.Length)];
        }

        /// <summary>
        /// The k-th name of a bucket takes the k-th two-character trade name of a permutation of all of them (an
        /// affine map mod N², offset per bucket and seed), so names never repeat within a bucket and need no set of
        /// names seen. A full bucket spills into the next form (有限公司 → 有限责任公司 → 股份有限公司).
        /// </summary>
        private string TradeName(int word, int phraseId, ref int form)
        {
            var space = TradeCharacters.Length * TradeCharacters.Length;
            for (var attempt = 0; attempt < PartnershipForm; attempt++)
            {
                // Keyed by the phrase's text, not the industry: 商贸 names firms in 51 and 52 alike.
                var key = (word * AllPhrases.Length + phraseId) * Forms.Length + form;
                _bucketUse.TryGetValue(key, out var k);
                if (k < space)
                {
                    _bucketUse[key] = k + 1;
                    var offset = (long)(SplitMix64.Mix(g._seed ^ (ulong)key * 0x9E3779B97F4A7C15UL) % (ulong)space);
                    var slot = (int)((TradeStride * (long)k + offset) % space);
                    return string.Concat(TradeCharacters[slot / TradeCharacters.Length], TradeCharacters[slot % TradeCharacters.Length]);
                }
                if (form == PartnershipForm) break; // partnerships are too few to fill a bucket
                form = (form + 1) % PartnershipForm;
            }
            throw new InvalidOperationException(
                $"More than {space * PartnershipForm} company names for {g._words[word]} × {AllPhrases[phraseId]}: beyond what the generator can keep unique.");
        }

        /// <summary>91 (market regulation, enterprise) + the county + a GB 11714 organisation code unique in the run.</summary>
        private string CreditCodeFor(string region, DateOnly established)
        {
            string body;
            if (established < new DateOnly(2015, 10, 1))
            {
                // Before the 三证合一 reform firms had eight-digit organisation codes; a permutation of 10^8 keeps them unique.
                var n = (LegacyStride * _legacyCodes++ + (long)(SplitMix64.Mix(g._seed + 1) % 100_000_000UL)) % 100_000_000L;
                body = n.ToString("00000000", CultureInfo.InvariantCulture);
            }
            else
            {
                // Since then registrants get MA + six characters of the credit-code alphabet: 31^6 of them.
                const long space = 31L * 31 * 31 * 31 * 31 * 31;
                var n = (NewStride * _newCodes++ + (long)(SplitMix64.Mix(g._seed + 2) % space)) % space;
                Span<char> chars = stackalloc char[8];
                chars[0] = 'M';
                chars[1] = 'A';
                for (var i = 7; i >= 2; i--, n /= 31) chars[i] = CreditCode.Alphabet[(int)(n % 31)];
                body = new string(chars);
            }
            return CreditCode.Compute("91" + region + body);
        }

        private Guid SequentialId(int index, ref SplitMix64 r)
        {
            // UUIDv7 layout (time-ordered, so bulk inserts stay in key order) with a fixed clock: one millisecond per enterprise.
            Span<byte> b = stackalloc byte[16];
            var ms = (ulong)(GeneratedAt - DateTime.UnixEpoch).TotalMilliseconds + (ulong)index;
            for (var i = 0; i < 6; i++) b[i] = (byte)(ms >> (40 - 8 * i));
            var random = r.NextUInt64();
            var more = r.NextUInt64();
            for (var i = 6; i < 16; i++) b[i] = (byte)((i < 14 ? random : more) >> (8 * (i % 8)));
            b[6] = (byte)(0x70 | (b[6] & 0x0F));
            b[8] = (byte)(0x80 | (b[8] & 0x3F));
            return new Guid(b, bigEndian: true);
        }

        private string? FormerName(ref SplitMix64 r, int word, Industry industry, int phrase, string trade, DateOnly established)
        {
            // Firms from before 2005 were often state or collective 厂 restructured into companies (改制).
            if (established.Year < 2005 && industry.Manufacturing && r.NextDouble() < 0.2)
                return string.Concat(g._words[word], trade, industry.Phrases[phrase], "厂");
            if (r.NextDouble() < 0.02)
                return string.Concat(g._words[word], Pick(ref r, TradeCharacters), Pick(ref r, TradeCharacters), industry.Phrases[phrase], Forms[0]);
            return null;
        }

        private static void Quality(ref SplitMix64 r, Enterprise e, Industry industry, EnterpriseSize? size, string trade, CountyInfo region, DateOnly established)
        {
            var weight = size switch
            {
                EnterpriseSize.Large => 1.0,
                EnterpriseSize.Medium => 0.6,
                EnterpriseSize.Small => 0.25,
                _ => 0.06,
            };
            var makesProducts = industry.Manufacturing;
            if (r.NextDouble() < weight * (makesProducts ? 0.6 : 0.25)) e.ChiefQualityOfficer = PersonName(ref r);

            var certs = new List<string>(4);
            if (r.NextDouble() < weight * (makesProducts || industry.Construction ? 0.85 : 0.4))
            {
                certs.Add("ISO 9001");
                if (r.NextDouble() < 0.45) certs.Add("ISO 14001");
                if (r.NextDouble() < 0.4) certs.Add("ISO 45001");
                if (industry.Division == "36" && r.NextDouble() < 0.5) certs.Add("IATF 16949");
            }
            if (CompulsoryCertified.Contains(industry.Division) && r.NextDouble() < 0.35) certs.Add("CCC");
            if (certs.Count > 0) e.Certifications = string.Join(";", certs);

            var firstYear = Math.Max(2005, established.Year + 3);
            if (firstYear <= 2024 && r.NextDouble() < weight * weight * 0.08)
            {
                var year = firstYear + r.Next(2025 - firstYear);
                e.QualityAwards = r.NextDouble() < 0.3
                    ? $"{year}年{region.ProvinceName}政府质量奖"
                    : $"{year}年{region.CityName}政府质量奖";
            }
            if (makesProducts && r.NextDouble() < weight * 0.06)
                e.Brands = $"{trade}牌{industry.Phrases[0]}({ShortName(region.ProvinceName)}名牌)";
            if (makesProducts && r.NextDouble() < 0.1 + weight * 0.5)
            {
                // 企业标准: Q/ + the enterprise's letters + number-year; public self-declaration began in 2015.
                Span<char> initials = stackalloc char[4];
                for (var i = 0; i < initials.Length; i++) initials[i] = (char)('A' + r.Next(26));
                var from = Math.Max(established.Year, 2015);
                var year = from + r.Next(2026 - from);
                var standards = new StringBuilder();
                for (int n = 1, count = 1 + r.Next(3); n <= count; n++)
                {
                    if (n > 1) standards.Append(';');
                    standards.Append("Q/").Append(initials).Append(' ').Append(n.ToString("000", CultureInfo.InvariantCulture))
                        .Append('-').Append(Math.Min(2025, year + n - 1).ToString(CultureInfo.InvariantCulture));
                }
                e.DeclaredStandards = standards.ToString();
            }
        }

        private static DateOnly Established(ref SplitMix64 r)
        {
            var year = FirstYear + Pick(ref r, YearCumulative);
            var days = DateTime.IsLeapYear(year) ? 366 : 365;
            return new DateOnly(year, 1, 1).AddDays(r.Next(days));
        }

        private static EnterpriseStatus Status(ref SplitMix64 r) => r.NextDouble() switch
        {
            < 0.68 => EnterpriseStatus.Existing,
            < 0.90 => EnterpriseStatus.Operating,
            < 0.95 => EnterpriseStatus.Deregistered,
            < 0.98 => EnterpriseStatus.Revoked,
            _ => EnterpriseStatus.MovedOut,
        };

        private static int Form(ref SplitMix64 r, Industry industry, EnterpriseSize? size)
        {
            if (industry.Partnerships && size == EnterpriseSize.Micro && r.NextDouble() < 0.15) return PartnershipForm;
            var joint = size switch { EnterpriseSize.Large => 0.35, EnterpriseSize.Medium => 0.15, EnterpriseSize.Small => 0.03, _ => 0.01 };
            var u = r.NextDouble();
            return u < joint ? 2 : u < joint + 0.25 ? 1 : 0;
        }

        private static decimal Capital(ref SplitMix64 r, EnterpriseSize? size)
        {
            // Registered capital is subscribed, in round figures, loosely tied to size (万元).
            int[] ladder = size switch
            {
                EnterpriseSize.Large => [5000, 10000, 10000, 20000, 30000, 50000, 100000],
                EnterpriseSize.Medium => [500, 1000, 1000, 2000, 3000, 5000, 8000, 10000],
                EnterpriseSize.Small => [50, 100, 200, 300, 500, 500, 800, 1000, 1000, 2000],
                _ => [3, 5, 10, 10, 30, 50, 50, 100, 100, 100, 200, 300, 500],
            };
            return ladder[r.Next(ladder.Length)];
        }

        private static string PersonName(ref SplitMix64 r)
        {
            var surname = Surnames[Pick(ref r, SurnameCumulative)];
            var first = GivenCharacters[r.Next(GivenCharacters.Length)];
            return r.NextDouble() < 0.3 ? string.Concat(surname, first) : string.Concat(surname, first, GivenCharacters[r.Next(GivenCharacters.Length)]);
        }

        private static string AddressIn(CountyInfo region, Industry industry, ref SplitMix64 r)
        {
            var number = (1 + r.Next(999)).ToString(CultureInfo.InvariantCulture);
            var road = string.Concat(Pick(ref r, RoadStems), Pick(ref r, RoadKinds));
            // Factories sit in development zones and industrial parks more often than offices do.
            var zone = industry.Manufacturing && r.NextDouble() < 0.35
                ? string.Concat(ShortName(region.Name), r.NextDouble() < 0.5 ? "经济开发区" : "工业园")
                : "";
            return string.Concat(region.ProvinceName, region.CityName, region.Name, zone, road, number, "号");
        }
    }

    // ---- Reference tables. ----

    private sealed record Place(CountyInfo Region, int CityWord, int OwnWord);

    /// <summary>A GB/T 4754 division the generator uses: its share, the median headcount of a newly founded firm
    /// (older firms are larger), the median revenue per head (万元), and the phrases company names in it use.</summary>
    internal sealed record Industry(int Index, string Division, double Weight, double MedianEmployees, double RevenuePerEmployee, string[] Phrases)
    {
        public bool Manufacturing => string.CompareOrdinal(Division, "13") >= 0 && string.CompareOrdinal(Division, "43") <= 0;
        public bool Construction => string.CompareOrdinal(Division, "47") >= 0 && string.CompareOrdinal(Division, "50") <= 0;
        public bool Partnerships => Division is "72" or "74" or "75";
    }

    private static Industry I(string division, double weight, double employees, double revenuePerHead, params string[] phrases) =>
        new(0, division, weight, employees, revenuePerHead, phrases);

    /// <summary>
    /// A registry for quality supervision is manufacturing-heavy (about 60% here), then trade, construction and
    /// services. Weights are plausible shares, not statistics. Only divisions the 2017 size table covers at division
    /// level are used, so every enterprise gets a size class (59, 70 need the group; J, P, S are not covered).
    /// </summary>
    internal static readonly Industry[] Industries = new[]
    {
        I("01", 1.0, 4.5, 20, "农业开发", "农业科技", "生态农业"),
        I("03", 0.6, 3.5, 60, "牧业", "养殖"),
        I("13", 2.5, 6.5, 80, "粮油", "米业", "饲料", "农副产品"),
        I("14", 2.0, 6.5, 50, "食品", "调味品", "食品科技"),
        I("15", 1.2, 5.5, 50, "酒业", "饮品", "茶业"),
        I("17", 2.0, 8, 35, "纺织", "织造"),
        I("18", 3.0, 10, 20, "服饰", "服装"),
        I("19", 1.2, 8, 25, "鞋业", "皮革制品"),
        I("20", 1.5, 5.5, 40, "木业", "竹木制品"),
        I("21", 2.0, 6.5, 30, "家具", "家居"),
        I("22", 1.3, 6.5, 50, "纸业", "包装材料", "纸制品"),
        I("23", 1.0, 4.5, 30, "印务", "印刷"),
        I("24", 1.5, 5.5, 30, "文体用品", "玩具", "工艺品"),
        I("26", 3.5, 8, 80, "化工", "化学", "涂料"),
        I("27", 1.2, 16.5, 60, "药业", "制药", "生物医药"),
        I("29", 4.5, 6.5, 45, "塑料制品", "塑业", "橡塑制品", "橡胶制品"),
        I("30", 4.5, 7.5, 45, "建材", "新型建材", "水泥制品", "玻璃"),
        I("31", 0.6, 22, 150, "钢铁", "特钢"),
        I("32", 1.0, 14, 120, "铝业", "铜业"),
        I("33", 5.5, 5.5, 40, "金属制品", "五金", "门窗"),
        I("34", 5.0, 7.5, 45, "机械", "机械设备", "阀门", "泵业"),
        I("35", 4.0, 7.5, 45, "装备", "机械设备", "农机", "医疗器械"),
        I("36", 3.0, 14, 60, "汽车零部件", "汽车配件"),
        I("37", 0.8, 11, 45, "车业", "船舶"),
        I("38", 5.0, 8, 60, "电缆", "电线电缆", "电器", "电气", "照明"),
        I("39", 3.5, 11, 50, "电子", "电子科技", "光电"),
        I("40", 1.2, 6.5, 40, "仪器仪表", "仪表"),
        I("41", 0.5, 4.5, 30, "日用品"),
        I("42", 0.6, 4.5, 80, "再生资源", "资源回收利用"),
        I("43", 0.4, 4.5, 25, "机电设备维修"),
        I("44", 0.6, 5.5, 150, "电力", "新能源", "热电"),
        I("45", 0.2, 8, 120, "燃气"),
        I("46", 0.3, 8, 40, "水务", "供水"),
        I("47", 2.5, 11, 40, "建筑工程", "建设工程", "建设"),
        I("48", 1.5, 14, 50, "路桥工程", "市政工程"),
        I("49", 1.2, 6.5, 40, "安装工程", "机电安装工程"),
        I("50", 2.0, 4.5, 30, "装饰工程", "装饰设计工程"),
        I("51", 9.0, 3, 150, "商贸", "贸易", "物资", "供应链管理"),
        I("52", 5.0, 2, 60, "商贸", "百货", "超市"),
        I("54", 1.5, 4.5, 40, "物流", "运输"),
        I("58", 0.5, 3.5, 60, "物流", "国际货运代理"),
        I("60", 0.2, 5.5, 20, "速递"),
        I("61", 0.4, 8, 10, "酒店"),
        I("62", 1.0, 5.5, 12, "餐饮管理", "餐饮"),
        I("63", 0.2, 5.5, 50, "通信技术"),
        I("64", 0.8, 4.5, 40, "网络科技", "信息科技"),
        I("65", 3.0, 5.5, 30, "科技", "信息技术", "软件", "智能科技"),
        I("71", 0.5, 3, 60, "租赁", "设备租赁"),
        I("72", 3.5, 3.5, 30, "企业管理咨询", "商务咨询", "投资管理", "企业管理"),
        I("73", 0.5, 5.5, 25, "生物科技", "技术研究"),
        I("74", 1.5, 5.5, 25, "检测技术", "工程设计", "检验检测"),
        I("75", 1.0, 3.5, 25, "科技服务", "技术服务"),
        I("77", 0.5, 5.5, 40, "环保科技", "环境工程"),
        I("80", 0.4, 4.5, 10, "家政服务"),
        I("81", 0.5, 3.5, 15, "汽车维修", "家电维修"),
    }.Select((industry, index) => industry with { Index = index }).ToArray();

    /// <summary>Every phrase once, whichever divisions use it; name buckets are keyed by it.</summary>
    internal static readonly string[] AllPhrases = Industries.SelectMany(i => i.Phrases).Distinct().ToArray();
    private static readonly int[][] PhraseIds = Industries.Select(i => i.Phrases.Select(p => Array.IndexOf(AllPhrases, p)).ToArray()).ToArray();

    /// <summary>Divisions whose products include ones under compulsory certification (CCC): toys, tyres, vehicles and
    /// parts, electric bicycles, electrical and electronic goods.</summary>
    private static readonly HashSet<string> CompulsoryCertified = ["24", "29", "36", "37", "38", "39"];

    /// <summary>Organisational forms (组织形式); individual businesses (个体工商户) are not generated. The partnership is
    /// written as the import stores it: full-width parentheses fold to ASCII.</summary>
    internal static readonly string[] Forms = ["有限公司", "有限责任公司", "股份有限公司", "合伙企业(有限合伙)"];
    private const int PartnershipForm = 3;

    /// <summary>Characters common in trade names (字号), 200 of them: 40,000 two-character names per bucket.</summary>
    internal static readonly string[] TradeCharacters = ToCharacters(
        "华兴盛达恒鑫信宏泰昌隆丰顺源通联创新科瑞祥安康宇天海金利德佳美嘉中永远弘博晟旭东辉明光和合锦程卓越立成益众汇富" +
        "庆福禾林森峰山川江泽润泓浩鸿腾飞龙凤骏豪英杰优品智睿思航星辰阳晨曦蓝绿青红鼎鸣九百万千一三五方圆正大亿元宝玉银" +
        "铭翔奥力威凯捷迅展拓宁雅致精工艺诚义仁乐欣悦友邦际环宸瀚皓琪荣耀进胜恩惠厚朴实真伟强振奇尚雄毅勤冠典韵佰晶亮升" +
        "高云皖徽黄淮春秋景开发家乾坤君诺维舜尧禹世纪久长虹彩霞松柏竹梅兰菊洪勇");

    private const long TradeStride = 7_919; // prime, coprime with 200²: the affine map is a permutation
    private const long LegacyStride = 48_271; // coprime with 10^8
    private const long NewStride = 1_000_003; // coprime with 31^6

    private static readonly string[] Surnames = ToCharacters(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛");
    /// <summary>Roughly falling frequency, so 王, 李, 张 lead as they do (Anhui adds 汪, 程 a little higher).</summary>
    private static readonly double[] SurnameCumulative = Cumulative(Surnames.Select((s, i) => (s is "汪" or "程" ? 2.0 : 1.0) / (1 + i * 0.15)));

    private static readonly string[] GivenCharacters = ToCharacters(
        "伟芳娜敏静强磊军洋勇艳杰涛明超秀华平刚桂英建国志海燕玉兰红霞辉鹏飞宇浩然俊峰亮晨婷慧颖文斌丽琳雪梅健斌波宁琴" +
        "云龙凯欣怡子涵梓轩晓东春林德胜永福国庆家宏");

    private static readonly string[] RoadStems =
        ["长江", "黄山", "人民", "解放", "建设", "中山", "和平", "胜利", "文化", "新华", "光明", "东风", "青年", "迎宾",
         "花园", "学府", "振兴", "兴业", "创新", "科技", "工业", "环城", "金寨", "望江", "繁华", "天门", "翠微", "习友",
         "紫云", "云谷", "湖滨", "滨河", "淮河", "银湖", "凤凰", "民生", "经开", "幸福", "创业", "兴园"];
    private static readonly string[] RoadKinds = ["路", "路", "路", "大道", "大街", "东路", "西路", "南路", "北路"];

    private const int FirstYear = 1990;
    /// <summary>Founding years 1990–2025, each year's weight e^((year−1990)/8): about three firms in four in the
    /// register were founded in 2015 or later, as the reforms of registration made founding easy.</summary>
    private static readonly double[] YearCumulative = Cumulative(Enumerable.Range(0, 36).Select(y => Math.Exp(y / 8.0)));

    private static readonly DateTime GeneratedAt = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Share (in %) of the province's enterprises per city of Anhui: plausible factors from the cities'
    /// economic weight, not statistics (Hefei about a quarter, Wuhu a tenth). Other cities count 5 each.</summary>
    internal static readonly Dictionary<string, double> AnhuiCityShares = new(StringComparer.Ordinal)
    {
        ["340100"] = 24, ["340200"] = 10, ["341200"] = 8, ["341100"] = 6.5, ["340800"] = 6, ["340300"] = 5,
        ["340500"] = 5, ["341300"] = 5, ["341500"] = 5, ["341600"] = 5, ["341800"] = 4, ["340400"] = 4,
        ["340600"] = 3, ["340700"] = 2.5, ["341000"] = 2.5, ["341700"] = 2,
    };

    private static string CityOf(CountyInfo r) => r.Code[..4] + "00";

    private static double CityShare(string cityCode) => AnhuiCityShares.GetValueOrDefault(cityCode, 5);

    /// <summary>Urban districts hold more firms than rural counties; county-level cities sit between.</summary>
    private static double CountyWeight(string name) => name.EndsWith('区') ? 1.6 : name.EndsWith('市') ? 1.3 : 1.0;

    /// <summary>合肥市 → 合肥, 肥东县 → 肥东, 马鞍山市 → 马鞍山; one-character stems keep their suffix (寿县, 歙县).</summary>
    internal static string ShortName(string name) =>
        name.Length >= 3 && name[^1] is '市' or '县' or '区' or '省' ? name[..^1] : name;

    private static string[] ToCharacters(string s)
    {
        var distinct = new List<string>();
        foreach (var c in s)
            if (!distinct.Contains(c.ToString())) distinct.Add(c.ToString());
        return distinct.ToArray();
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return weights.Select(w => sum += w).ToArray();
    }

    private static int Pick(ref SplitMix64 r, double[] cumulative)
    {
        var u = r.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, u);
        return Math.Min(i < 0 ? ~i : i + 1, cumulative.Length - 1);
    }

    private static string Pick(ref SplitMix64 r, string[] items) => items[r.Next(items.Length)];

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, statistically sound, and fixed for good.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong NextUInt64() => Mix(_state += 0x9E3779B97F4A7C15UL);

        public static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        /// <summary>Uniform in [0, n) by multiply-shift (bias below 2^-32 for the small n used here).</summary>
        public int Next(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

        /// <summary>Approximately standard normal: the sum of twelve uniforms less six (exact arithmetic, tails cut at ±6).</summary>
        public double Normal()
        {
            var s = 0.0;
            for (var i = 0; i < 12; i++) s += NextDouble();
            return s - 6.0;
        }
    }
}
