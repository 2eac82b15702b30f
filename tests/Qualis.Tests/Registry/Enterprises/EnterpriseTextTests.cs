using System.Globalization;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Platform.Localization;

namespace Qualis.Tests.Registry.Enterprises;

public sealed class EnterpriseTextTests
{
    private static readonly Texts Texts = Texts.LoadEmbedded();

    [Theory]
    [InlineData("大型", EnterpriseSize.Large)]
    [InlineData("大", EnterpriseSize.Large)]
    [InlineData("大型企业", EnterpriseSize.Large)]
    [InlineData("中型", EnterpriseSize.Medium)]
    [InlineData("中", EnterpriseSize.Medium)]
    [InlineData("小型", EnterpriseSize.Small)]
    [InlineData(" 小 ", EnterpriseSize.Small)]
    [InlineData("微型", EnterpriseSize.Micro)]
    [InlineData("微", EnterpriseSize.Micro)]
    [InlineData("large", EnterpriseSize.Large)]
    [InlineData("MEDIUM", EnterpriseSize.Medium)]
    [InlineData("Small", EnterpriseSize.Small)]
    [InlineData("micro", EnterpriseSize.Micro)]
    public void Sizes_are_read_in_Chinese_and_English(string text, EnterpriseSize size)
    {
        EnterpriseSizeText.TryParse(text, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(size);
    }

    [Theory]
    [InlineData("存续", EnterpriseStatus.Existing)]
    [InlineData("存续（在营、开业、在册）", EnterpriseStatus.Existing)]
    [InlineData("在营", EnterpriseStatus.Existing)]
    [InlineData("在业", EnterpriseStatus.Operating)]
    [InlineData("注销", EnterpriseStatus.Deregistered)]
    [InlineData("吊销，已注销", EnterpriseStatus.Deregistered)]
    [InlineData("吊销", EnterpriseStatus.Revoked)]
    [InlineData("吊销，未注销", EnterpriseStatus.Revoked)]
    [InlineData("迁出", EnterpriseStatus.MovedOut)]
    [InlineData("existing", EnterpriseStatus.Existing)]
    [InlineData("Subsisting", EnterpriseStatus.Existing)]
    [InlineData("OPERATING", EnterpriseStatus.Operating)]
    [InlineData("deregistered", EnterpriseStatus.Deregistered)]
    [InlineData("Revoked", EnterpriseStatus.Revoked)]
    [InlineData("moved out", EnterpriseStatus.MovedOut)]
    public void Statuses_are_read_as_the_publicity_system_and_officials_write_them(string text, EnterpriseStatus status)
    {
        EnterpriseStatusText.TryParse(text, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(status);
    }

    [Theory]
    [InlineData("特大型")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_sizes_are_refused(string? text) => EnterpriseSizeText.TryParse(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("停业")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_statuses_are_refused(string? text) => EnterpriseStatusText.TryParse(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void What_the_export_and_the_form_write_reads_back(string culture)
    {
        // Export and the edit form write the localised text of registry.size.* and registry.status.*; an exported
        // file must import again, so every such text has to parse back to its value.
        var c = CultureInfo.GetCultureInfo(culture);
        foreach (var size in Enum.GetValues<EnterpriseSize>())
        {
            var text = Texts.Find("registry.size." + size.ToString().ToLowerInvariant(), c).ShouldNotBeNull();
            EnterpriseSizeText.TryParse(text, out var parsed).ShouldBeTrue(text);
            parsed.ShouldBe(size);
        }
        foreach (var status in Enum.GetValues<EnterpriseStatus>())
        {
            var text = Texts.Find("registry.status." + status.ToString().ToLowerInvariant(), c).ShouldNotBeNull();
            EnterpriseStatusText.TryParse(text, out var parsed).ShouldBeTrue(text);
            parsed.ShouldBe(status);
        }
    }

    [Fact]
    public void Every_problem_key_the_registry_rules_and_readers_give_has_a_text()
    {
        string[] keys =
        [
            "registry.code.empty", "registry.code.length", "registry.code.char", "registry.code.region", "registry.code.authority",
            "registry.code.check", "registry.code.org_check",
            "import.date.not_a_date", "import.date.no_such_month", "import.date.no_such_day", "import.date.out_of_range", "import.date.year_only",
            "import.file.too_large", "import.file.empty", "import.file.xls", "import.file.not_xlsx", "import.file.no_sheet",
            "import.file.xlsx_damaged", "import.file.zip_entries", "import.file.zip_part_too_large", "import.file.zip_bomb",
            "import.file.too_many_rows", "import.file.too_many_columns", "import.file.cell_too_long", "import.file.unclosed_quote",
            "import.file.mixed_encoding", "import.file.bad_bytes",
        ];
        foreach (var key in keys)
        {
            Texts.Find(key, CultureInfo.GetCultureInfo("zh-CN")).ShouldNotBeNull(key);
            Texts.Find(key, CultureInfo.GetCultureInfo("en")).ShouldNotBeNull(key);
        }
    }
}
