using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;

namespace Qualis.Tests.Registry.Enterprises;

public sealed class CreditCodeTests
{
    /// <summary>
    /// Real codes, as published by the enterprises and in public registers (and quoted in many public code bases),
    /// plus the worked example of GB 32100-2015 itself (91350100M000100Y4?, whose check character the standard
    /// computes as 3).
    /// </summary>
    public static readonly TheoryData<string, string> RealCodes = new()
    {
        { "914403001922038216", "华为技术有限公司" },
        { "9144030071526726XG", "深圳市腾讯计算机系统有限公司" },
        { "91330100799655058B", "阿里巴巴（中国）有限公司" },
        { "91110108551385082Q", "小米科技有限责任公司" },
        { "91110000802100433B", "北京百度网讯科技有限公司" },
        { "91440300708461136T", "深圳 (440300) enterprise" },
        { "91512081MA62K0260E", "四川 (512081) enterprise, an MA… code of the new series" },
        { "92371000MA3MXH0E3W", "山东威海 individual business (92 个体工商户)" },
        { "123502001549897397", "厦门 public institution (12 事业单位)" },
        { "91350100M000100Y43", "GB 32100-2015 worked example" },
    };

    [Theory]
    [MemberData(nameof(RealCodes))]
    public void Real_codes_are_valid(string code, string holder)
    {
        var check = CreditCode.Check(code);
        check.IsValid.ShouldBeTrue(holder);
        check.Problem.ShouldBeNull();
        check.Normalised.ShouldBe(code);
        check.RegionCode.ShouldBe(code[2..8]);
    }

    [Theory]
    [MemberData(nameof(RealCodes))]
    public void Every_single_character_change_of_a_real_code_is_refused(string code, string holder)
    {
        for (var position = 0; position < 18; position++)
            foreach (var replacement in CreditCode.Alphabet.Where(c => c != code[position]))
            {
                var mutated = code[..position] + replacement + code[(position + 1)..];
                CreditCode.Check(mutated).IsValid.ShouldBeFalse($"{holder}: {mutated} (position {position + 1})");
            }
    }

    [Theory]
    [MemberData(nameof(RealCodes))]
    public void Compute_completes_a_real_code_from_its_first_16_or_17_characters(string code, string holder)
    {
        CreditCode.Compute(code[..17]).ShouldBe(code, holder);
        CreditCode.Compute(code[..16]).ShouldBe(code, holder);
    }

    [Fact]
    public void The_standards_worked_example_has_check_character_3_and_its_Z_is_refused()
    {
        // GB 32100-2015 shows 91350100M000100Y4Z failing: Z is not in the alphabet; the right character is 3.
        CreditCode.CheckCharacter("91350100M000100Y4").ShouldBe('3');
        var check = CreditCode.Check("91350100M000100Y4Z");
        check.IsValid.ShouldBeFalse();
        check.OnlyCheckCharactersFail.ShouldBeFalse();
        check.Problem!.Key.ShouldBe("registry.code.char");
        check.Problem.Args.ShouldBe([18, "Z"]);
    }

    [Theory]
    [InlineData(" 914403001922038216 ")]
    [InlineData("\u3000９１４４０３００１９２２０３８２１６")]
    [InlineData("9144030071526726xg")]
    public void Codes_are_trimmed_folded_and_upper_cased_before_the_check(string text)
    {
        var check = CreditCode.Check(text);
        check.IsValid.ShouldBeTrue();
        check.Normalised.ShouldBe(check.Normalised.Trim().ToUpperInvariant());
        check.Normalised.Length.ShouldBe(18);
    }

    [Theory]
    [InlineData(null, "registry.code.empty", new object[0])]
    [InlineData("  ", "registry.code.empty", new object[0])]
    [InlineData("91440300192203821", "registry.code.length", new object[] { 17 })]
    [InlineData("9144030019220382160", "registry.code.length", new object[] { 19 })]
    [InlineData("91440300I922038216", "registry.code.char", new object[] { 9, "I" })]
    [InlineData("914403001922O38216", "registry.code.char", new object[] { 13, "O" })]
    [InlineData("91440300192203821-", "registry.code.char", new object[] { 18, "-" })]
    [InlineData("9144A3001922038216", "registry.code.region", new object[] { "44A300" })]
    [InlineData("B14403001922038216", "registry.code.authority", new object[] { "B" })]
    [InlineData("914403001922038217", "registry.code.check", new object[] { "6" })]
    public void An_invalid_code_says_why(string? code, string key, object[] args)
    {
        var check = CreditCode.Check(code);
        check.IsValid.ShouldBeFalse();
        check.Problem!.Key.ShouldBe(key);
        check.Problem.Args.ShouldBe(args);
    }

    [Theory]
    [InlineData("91350211M00013FA1N", "registry.code.check", "3")]
    [InlineData("91350203M0001QAY9B", "registry.code.check", "9")]
    public void Pilot_era_codes_that_fail_only_their_check_character_are_flagged_for_an_audited_override(string code, string key, string expected)
    {
        // Issued in Xiamen before GB 32100 was settled and still in use; widely cited as failing the check.
        var check = CreditCode.Check(code);
        check.IsValid.ShouldBeFalse();
        check.OnlyCheckCharactersFail.ShouldBeTrue();
        check.Problem!.Key.ShouldBe(key);
        check.Problem.Args.ShouldBe([expected]);
        check.RegionCode.ShouldBe(code[2..8]);
    }

    [Fact]
    public void A_code_whose_check_character_is_right_but_whose_organisation_code_is_not_is_flagged_as_a_check_failure()
    {
        // Organisation code 19220382 has check character 1; put 2 there and recompute position 18 to match.
        var code = CreditCode.Compute("91440300192203822");
        var check = CreditCode.Check(code);
        check.Problem!.Key.ShouldBe("registry.code.org_check");
        check.Problem.Args.ShouldBe(["1"]);
        check.OnlyCheckCharactersFail.ShouldBeTrue();
    }

    [Fact]
    public void Structural_problems_are_never_flagged_as_check_failures()
    {
        CreditCode.Check("9144A3001922038216").OnlyCheckCharactersFail.ShouldBeFalse();
        CreditCode.Check("91440300I922038216").OnlyCheckCharactersFail.ShouldBeFalse();
        CreditCode.Check("9144030019220382").OnlyCheckCharactersFail.ShouldBeFalse();
        CreditCode.Check("9144A3001922038216").RegionCode.ShouldBeNull();
    }

    [Theory]
    [InlineData("19220382", '1')] // 华为's organisation code 19220382-1
    [InlineData("71526726", 'X')] // 腾讯's 71526726-X
    [InlineData("59467239", '9')] // the worked example of GB 11714 guides: 59467239-9
    [InlineData("M000100Y", '4')] // the GB 32100 example's organisation code
    public void Organisation_codes_have_their_GB_11714_check_character(string body, char check) =>
        CreditCode.OrganisationCheckCharacter(body).ShouldBe(check);

    [Theory]
    [InlineData("9144030019220382")]    // 16 chars are fine; this one is
    [InlineData("914403001922038")]
    [InlineData("9144A300192203821")]
    [InlineData("91440300I92203821")]
    public void Compute_refuses_what_cannot_become_a_code(string first)
    {
        if (first.Length == 16) CreditCode.Check(CreditCode.Compute(first)).IsValid.ShouldBeTrue();
        else Should.Throw<ArgumentException>(() => CreditCode.Compute(first));
    }

    [Fact]
    public void Computed_codes_for_random_bodies_are_always_valid()
    {
        var random = new Random(2015);
        for (var i = 0; i < 2000; i++)
        {
            var body = new string(Enumerable.Range(0, 8).Select(_ => CreditCode.Alphabet[random.Next(31)]).ToArray());
            var code = CreditCode.Compute("91340100" + body);
            CreditCode.Check(code).IsValid.ShouldBeTrue(code);
        }
    }
}
