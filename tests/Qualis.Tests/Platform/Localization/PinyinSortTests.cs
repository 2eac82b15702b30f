using System.Text;
using Qualis.Platform.Localization;

namespace Qualis.Tests.Platform.Localization;

/// <summary>Names sorted by their stored pinyin key come in the order a Chinese reader expects.</summary>
public sealed class PinyinSortTests
{
    private static List<string> Sorted(params string[] names) =>
        names.OrderBy(PinyinSort.Key, StringComparer.Ordinal).ToList();

    [Fact]
    public void Place_names_sort_by_their_readings_chang_before_chong()
    {
        // 安徽 an, 北京 bei, 长沙 chang (the common reading), 重庆 chong (a place-name reading, not zhong).
        Sorted("重庆", "北京", "长沙", "安徽").ShouldBe(["安徽", "北京", "长沙", "重庆"]);
    }

    [Fact]
    public void A_syllable_sorts_before_a_longer_one_it_begins()
    {
        // 阿 a < 安 an < 白 bai < 百 bai (third tone after second) < 北 bei.
        Sorted("北", "百", "白", "安", "阿").ShouldBe(["阿", "安", "白", "百", "北"]);
        // The first character decides before the second: 阿里 (a li) before 安 (an) however short 安 is.
        Sorted("安", "阿里").ShouldBe(["阿里", "安"]);
    }

    [Fact]
    public void Digits_then_Latin_then_Han_case_and_width_folded()
    {
        Sorted("芜湖公司", "Apple公司", "3M中国", "abc", "ＢＭＷ").ShouldBe(["3M中国", "abc", "Apple公司", "ＢＭＷ", "芜湖公司"]);
        PinyinSort.Key("ABC").ShouldBe(PinyinSort.Key("ａｂｃ"));
    }

    [Fact]
    public void Punctuation_and_spaces_are_passed_over()
    {
        PinyinSort.Key("安徽（芜湖）有限公司").ShouldBe(PinyinSort.Key("安徽芜湖有限公司"));
        Sorted("安徽（芜湖）甲公司", "安徽合肥乙公司").ShouldBe(["安徽合肥乙公司", "安徽（芜湖）甲公司"]);
    }

    [Fact]
    public void The_same_character_stays_together_among_characters_of_one_reading()
    {
        // 张 and 章 are both zhang1: every 张 name comes before every 章 name, not interleaved by the second character.
        Sorted("章三", "张四", "张三", "章四").ShouldBe(["张三", "张四", "章三", "章四"]);
    }

    [Fact]
    public void Bank_reads_hang_and_common_readings_are_taken()
    {
        PinyinSort.Reading(new Rune('长')).ShouldBe("chang2");
        PinyinSort.Reading(new Rune('重')).ShouldBe("zhong4");
        PinyinSort.Key("银行").ShouldContain("hang2");
        PinyinSort.Key("重庆").ShouldStartWith("3chong2");
        PinyinSort.Key("重工").ShouldStartWith("3zhong4");
        PinyinSort.Reading(new Rune('绿')).ShouldBe("lv4");
    }

    [Fact]
    public void Non_Han_letters_come_after_Latin_and_before_Han()
    {
        Sorted("阿", "α", "z").ShouldBe(["z", "α", "阿"]);
    }

    [Fact]
    public void A_long_name_is_cut_to_the_column()
    {
        PinyinSort.Key(new string('庄', 100)).Length.ShouldBe(PinyinSort.MaxLength);
        PinyinSort.Key(null).ShouldBe("");
    }
}
