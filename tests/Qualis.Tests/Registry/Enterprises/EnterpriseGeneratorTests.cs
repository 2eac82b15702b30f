using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Platform.Import;

namespace Qualis.Tests.Registry.Enterprises;

public sealed class EnterpriseGeneratorTests
{
    private static readonly IReadOnlyList<CountyInfo> Counties = CountyInfo.BuiltInCounties();
    private static readonly Dictionary<string, CountyInfo> ByCode = Counties.ToDictionary(c => c.Code);

    /// <summary>20,000 enterprises of one seed, generated once for the tests that look at shares and patterns.</summary>
    private static readonly Lazy<List<Enterprise>> Sample = new(() => new EnterpriseGenerator(20180101, Counties).Generate(20_000).ToList());

    private static string Csv(int seed, int count)
    {
        var text = new StringWriter();
        new EnterpriseGenerator(seed, Counties).WriteCsv(text, count);
        return text.ToString();
    }

    [Fact]
    public void The_built_in_tree_gives_the_104_counties_and_districts_of_Anhui()
    {
        Counties.Count.ShouldBe(104); // 45 districts, 9 county-level cities, 50 counties
        foreach (var c in Counties)
        {
            c.ProvinceName.ShouldBe("安徽省");
            c.RegionPath.ShouldBe("/340000/" + c.Code[..4] + "00/" + c.Code + "/");
        }
        ByCode["340104"].ShouldBe(new CountyInfo("340104", "蜀山区", "/340000/340100/340104/", "合肥市", "安徽省"));
    }

    [Fact]
    public void The_same_seed_gives_the_same_enterprises_and_another_seed_others()
    {
        var first = Csv(42, 2_000);
        Csv(42, 2_000).ShouldBe(first);
        new EnterpriseGenerator(42, Counties).Generate(2_000).Select(e => e.Id)
            .ShouldBe(new EnterpriseGenerator(42, Counties).Generate(2_000).Select(e => e.Id));

        var other = Csv(43, 2_000);
        other.ShouldNotBe(first);
        var names = new HashSet<string>(new EnterpriseGenerator(42, Counties).Generate(2_000).Select(e => e.Name));
        new EnterpriseGenerator(43, Counties).Generate(2_000).Count(e => names.Contains(e.Name)).ShouldBeLessThan(100);
    }

    [Fact]
    public void A_longer_run_begins_with_the_shorter_one_and_each_call_starts_again()
    {
        var generator = new EnterpriseGenerator(5, Counties);
        var shorter = generator.Generate(300).Select(e => e.CreditCode + e.Name).ToList();
        generator.Generate(1_000).Take(300).Select(e => e.CreditCode + e.Name).ShouldBe(shorter);
    }

    [Fact]
    public void Enterprises_stream_one_at_a_time()
    {
        // Nothing is produced ahead: asking for two billion and taking three returns at once.
        new EnterpriseGenerator(1, Counties).Generate(int.MaxValue).Take(3).Count().ShouldBe(3);
    }

    [Fact]
    public void Every_credit_code_is_valid_unique_for_a_company_and_names_the_enterprises_county()
    {
        var codes = new HashSet<string>();
        foreach (var e in Sample.Value)
        {
            var check = CreditCode.Check(e.CreditCode);
            check.IsValid.ShouldBeTrue(e.CreditCode);
            codes.Add(e.CreditCode).ShouldBeTrue($"{e.CreditCode} twice");
            e.CreditCode[..2].ShouldBe("91"); // 市场监管 (9) registers an enterprise (1)
            check.RegionCode.ShouldBe(e.RegionCode);
            ByCode.ShouldContainKey(e.RegionCode);
            e.RegionPath.ShouldBe(ByCode[e.RegionCode].RegionPath);
            // Organisation codes: eight digits before the 2015 reform (三证合一), MA… after it.
            if (e.EstablishedOn < new DateOnly(2015, 10, 1)) e.CreditCode[8..16].ShouldMatch("^[0-9]{8}$", e.CreditCode);
            else e.CreditCode[8..10].ShouldBe("MA", e.CreditCode);
        }
    }

    [Fact]
    public void Names_are_unique_and_follow_the_pattern_of_real_company_names()
    {
        // [region word][two-character trade name][industry phrase][organisational form]
        static string AnyOf(IEnumerable<string> words) => "(" + string.Join("|", words.OrderByDescending(w => w.Length).Select(Regex.Escape)) + ")";
        var regionWords = Counties.SelectMany(c => new[] { EnterpriseGenerator.ShortName(c.Name), EnterpriseGenerator.ShortName(c.CityName) }).Distinct();
        var pattern = new Regex("^" + AnyOf(regionWords) + AnyOf(EnterpriseGenerator.TradeCharacters) + AnyOf(EnterpriseGenerator.TradeCharacters)
                                + AnyOf(EnterpriseGenerator.AllPhrases) + AnyOf(EnterpriseGenerator.Forms) + "$");
        var phrasesOf = EnterpriseGenerator.Industries.ToDictionary(i => i.Division, i => i.Phrases);
        var names = new HashSet<string>();
        foreach (var e in Sample.Value)
        {
            names.Add(e.Name).ShouldBeTrue($"{e.Name} twice");
            var m = pattern.Match(e.Name);
            m.Success.ShouldBeTrue(e.Name);
            var region = ByCode[e.RegionCode];
            m.Groups[1].Value.ShouldBeOneOf(EnterpriseGenerator.ShortName(region.CityName), EnterpriseGenerator.ShortName(region.Name));
            phrasesOf[e.IndustryCode!].ShouldContain(m.Groups[4].Value, e.Name);
            if (m.Groups[5].Value.StartsWith("合伙企业", StringComparison.Ordinal)) e.IndustryCode.ShouldBeOneOf("72", "74", "75");
            e.Name.Length.ShouldBeLessThanOrEqualTo(200);
        }
        // A district's firms take the city's name; a county's take the county's or the city's.
        Sample.Value.Where(e => ByCode[e.RegionCode].Name.EndsWith('区'))
            .ShouldAllBe(e => e.Name.StartsWith(EnterpriseGenerator.ShortName(ByCode[e.RegionCode].CityName), StringComparison.Ordinal));
        Sample.Value.Count(e => e.Name.StartsWith("肥东", StringComparison.Ordinal)).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Names_stay_unique_over_two_hundred_thousand()
    {
        var names = new HashSet<string>();
        foreach (var e in new EnterpriseGenerator(9, Counties).Generate(200_000)) names.Add(e.Name).ShouldBeTrue(e.Name);
    }

    [Fact]
    public void No_name_can_be_read_two_ways()
    {
        // Trade names have two characters, so two names could only coincide if one phrase + form were another
        // phrase + form, or one region word began another; neither holds.
        var endings = EnterpriseGenerator.AllPhrases.SelectMany(p => EnterpriseGenerator.Forms.Select(f => p + f)).ToList();
        endings.ShouldBeUnique();
        EnterpriseGenerator.AllPhrases.ShouldBeUnique();
        Should.Throw<ArgumentException>(() => new EnterpriseGenerator(1,
            [new("340103", "庐阳区", "/340000/340100/340103/", "合肥市", "安徽省"), new("340122", "合肥东县", "/340000/340100/340122/", "合肥市", "安徽省")]));
    }

    [Fact]
    public void The_size_class_is_the_one_the_national_thresholds_give_for_the_figures()
    {
        foreach (var e in Sample.Value)
        {
            e.Size.ShouldNotBeNull(e.Name);
            var derived = SizeClassifier.Classify(e.IndustryCode, e.Employees, e.RevenueYuan);
            if (!e.SizeEntered) derived.ShouldBe(e.Size, e.Name);
            else
            {
                // Construction and leasing/business services also need total assets, which the register does not
                // hold: the size was entered, and employees and revenue alone could not decide it.
                derived.ShouldBeNull(e.Name);
                SizeClassifier.RowOf(e.IndustryCode)!.Bounds.ShouldContain(b => b.Indicator == SizeIndicator.TotalAssets);
            }
        }
    }

    private static double Share(Func<Enterprise, bool> predicate) => Sample.Value.Count(predicate) / (double)Sample.Value.Count;

    private static bool Between(Enterprise e, string first, string last) =>
        string.CompareOrdinal(e.IndustryCode, first) >= 0 && string.CompareOrdinal(e.IndustryCode, last) <= 0;

    [Fact]
    public void The_industry_mix_is_manufacturing_heavy_with_trade_construction_and_services()
    {
        Share(e => Between(e, "13", "43")).ShouldBeInRange(0.5, 0.7);
        Share(e => Between(e, "51", "52")).ShouldBeInRange(0.09, 0.2);
        Share(e => Between(e, "47", "50")).ShouldBeInRange(0.04, 0.11);
        Share(e => Between(e, "53", "97")).ShouldBeInRange(0.1, 0.3);
        Sample.Value.Select(e => e.IndustryCode).Distinct().Count().ShouldBeGreaterThan(40);
        Sample.Value.ShouldAllBe(e => SizeClassifier.RowOf(e.IndustryCode) != null);
    }

    [Fact]
    public void Most_enterprises_are_micro_or_small_and_few_are_large()
    {
        Share(e => e.Size == EnterpriseSize.Micro).ShouldBeInRange(0.55, 0.78);
        Share(e => e.Size == EnterpriseSize.Small).ShouldBeInRange(0.18, 0.4);
        Share(e => e.Size == EnterpriseSize.Medium).ShouldBeInRange(0.015, 0.06);
        Share(e => e.Size == EnterpriseSize.Large).ShouldBeInRange(0.0005, 0.006);
        Sample.Value.ShouldAllBe(e => e.Employees >= 1 && e.RevenueYuan >= 0 && e.RegisteredCapitalYuan > 0);
    }

    [Fact]
    public void Most_enterprises_are_in_business_and_a_few_are_gone()
    {
        Share(e => e.Status is EnterpriseStatus.Existing or EnterpriseStatus.Operating).ShouldBeInRange(0.85, 0.95);
        Share(e => e.Status == EnterpriseStatus.Deregistered).ShouldBeInRange(0.03, 0.07);
        Share(e => e.Status == EnterpriseStatus.Revoked).ShouldBeInRange(0.015, 0.045);
        Share(e => e.Status == EnterpriseStatus.MovedOut).ShouldBeInRange(0.01, 0.035);
    }

    [Fact]
    public void Hefei_and_Wuhu_hold_the_most_enterprises_and_every_city_has_some()
    {
        var byCity = Sample.Value.GroupBy(e => e.RegionCode[..4] + "00").ToDictionary(g => g.Key, g => g.Count() / (double)Sample.Value.Count);
        byCity.Count.ShouldBe(16);
        byCity["340100"].ShouldBeInRange(0.18, 0.3);
        byCity["340200"].ShouldBeInRange(0.07, 0.13);
        byCity.OrderByDescending(c => c.Value).Take(2).Select(c => c.Key).ShouldBe(["340100", "340200"]);
        Sample.Value.Select(e => e.RegionCode).Distinct().Count().ShouldBeGreaterThan(100);
    }

    [Fact]
    public void Founding_dates_run_from_1990_to_2025_mostly_recent()
    {
        Sample.Value.ShouldAllBe(e => e.EstablishedOn >= new DateOnly(1990, 1, 1) && e.EstablishedOn <= new DateOnly(2025, 12, 31));
        Share(e => e.EstablishedOn!.Value.Year >= 2015).ShouldBeInRange(0.6, 0.85);
        Share(e => e.EstablishedOn!.Value.Year < 2000).ShouldBeInRange(0.01, 0.1);
    }

    [Fact]
    public void People_addresses_and_quality_records_look_like_the_registers()
    {
        foreach (var e in Sample.Value)
        {
            var region = ByCode[e.RegionCode];
            e.Address.ShouldStartWith(region.ProvinceName + region.CityName + region.Name);
            e.Address.ShouldMatch("[0-9]+号$");
            e.LegalRepresentative!.Length.ShouldBeInRange(2, 3);
            if (e.Certifications is not null) e.Certifications.Split(';').ShouldAllBe(c => c.StartsWith("ISO ") || c == "CCC" || c == "IATF 16949");
            if (e.DeclaredStandards is not null) e.DeclaredStandards.Split(';').ShouldAllBe(s => Regex.IsMatch(s, "^Q/[A-Z]{4} [0-9]{3}-20[0-9]{2}$"));
            if (e.QualityAwards is not null) e.QualityAwards.ShouldMatch("^20[0-9]{2}年(安徽省|.+市)政府质量奖$");
        }
        Share(e => e.ChiefQualityOfficer is not null).ShouldBeInRange(0.02, 0.15);
        Share(e => e.Certifications is not null).ShouldBeInRange(0.08, 0.3);
        Share(e => e.QualityAwards is not null).ShouldBeInRange(0.0002, 0.01);
        Share(e => e.Brands is not null).ShouldBeInRange(0.001, 0.02);
        Share(e => e.DeclaredStandards is not null).ShouldBeInRange(0.04, 0.2);
        // Certified firms are the larger ones.
        Sample.Value.Where(e => e.Size is EnterpriseSize.Large or EnterpriseSize.Medium).Count(e => e.Certifications is not null)
            .ShouldBeGreaterThan(Sample.Value.Count(e => e.Size is EnterpriseSize.Large or EnterpriseSize.Medium) / 3);
    }

    [Fact]
    public void The_CSV_has_the_imports_Chinese_headers_and_reads_back_as_the_generated_values()
    {
        var headers = EnterpriseImport.Columns.Select(c => c.Chinese).ToList();
        EnterpriseGenerator.CsvHeaders.ShouldBe(headers);
        var csv = Csv(11, 3_000);
        csv.Split("\r\n")[0].ShouldBe(string.Join(",", headers));

        using var stream = new MemoryStream(new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray());
        using var reader = TabularFile.Open(stream, "enterprises.csv", new TabularLimits());
        var match = HeaderMap.Match(reader.Headers, EnterpriseImport.Columns);
        match.Missing.ShouldBeEmpty();
        match.Unknown.ShouldBeEmpty();
        match.Index.Count.ShouldBe(headers.Count);
        var row = ImportRow.Over(reader, match.Index);
        using var expected = new EnterpriseGenerator(11, Counties).Generate(3_000).GetEnumerator();
        var rows = 0;
        while (reader.Read())
        {
            expected.MoveNext().ShouldBeTrue();
            var e = expected.Current;
            rows++;
            // What the import reads from each cell (normalised text, 万元 × 10,000) is what the generator made.
            row["credit_code"].ShouldBe(e.CreditCode);
            row["name"].ShouldBe(e.Name);
            row["region"].ShouldBe(e.RegionCode);
            row["industry"].ShouldBe(e.IndustryCode);
            row["legal_rep"].ShouldBe(e.LegalRepresentative);
            row["address"].ShouldBe(e.Address);
            row["former_names"].ShouldBe(e.FormerNames);
            (decimal.Parse(row["capital"]!, CultureInfo.InvariantCulture) * 10_000m).ShouldBe(e.RegisteredCapitalYuan!.Value);
            (decimal.Parse(row["revenue"]!, CultureInfo.InvariantCulture) * 10_000m).ShouldBe(e.RevenueYuan!.Value);
            int.Parse(row["employees"]!, CultureInfo.InvariantCulture).ShouldBe(e.Employees!.Value);
            EnterpriseSizeText.TryParse(row["size"], out var size).ShouldBeTrue();
            size.ShouldBe(e.Size!.Value);
            EnterpriseStatusText.TryParse(row["status"], out var status).ShouldBeTrue();
            status.ShouldBe(e.Status);
            DateParser.TryParse(row["established"], out var date, out _).ShouldBeTrue();
            date.ShouldBe(e.EstablishedOn!.Value);
            row["cqo"].ShouldBe(e.ChiefQualityOfficer);
            row["certifications"].ShouldBe(e.Certifications);
            row["awards"].ShouldBe(e.QualityAwards);
            row["brands"].ShouldBe(e.Brands);
            row["standards"].ShouldBe(e.DeclaredStandards);
            row["park"].ShouldBeNull();
            row["code_override"].ShouldBeNull();
        }
        rows.ShouldBe(3_000);
    }

    [Fact]
    public void It_needs_counties_to_place_enterprises_in() =>
        Should.Throw<ArgumentException>(() => new EnterpriseGenerator(1, []));
}
