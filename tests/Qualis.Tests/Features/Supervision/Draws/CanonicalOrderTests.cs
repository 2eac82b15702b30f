using System.Text;
using Qualis.Features.Supervision.Draws;

namespace Qualis.Tests.Features.Supervision.Draws;

/// <summary>The canonical order is Unicode code-point order, the order of UTF-8 bytes, for every character.</summary>
public sealed class CanonicalOrderTests
{
    [Fact]
    public void A_supplementary_character_sorts_after_the_end_of_the_basic_plane_as_its_utf8_bytes_do()
    {
        // U+FF01 (！) is below U+20BB7 (𠮷) as a code point, but above its high surrogate D842 as a UTF-16 unit.
        string.CompareOrdinal("\uFF01", "𠮷").ShouldBeGreaterThan(0, "UTF-16 code units order them the other way");
        CanonicalText.Compare("\uFF01", "𠮷").ShouldBeLessThan(0);
        CanonicalText.Compare("合肥𠮷", "合肥\uFF01").ShouldBeGreaterThan(0);
        CanonicalText.Compare("abc", "abc").ShouldBe(0);
        CanonicalText.Compare("ab", "abc").ShouldBeLessThan(0);
    }

    [Fact]
    public void Over_random_texts_of_every_plane_the_order_is_the_utf8_byte_order()
    {
        var random = new Random(20261206);
        string Text()
        {
            var sb = new StringBuilder();
            for (var n = random.Next(0, 4); n >= 0; n--)
                sb.Append(char.ConvertFromUtf32(random.Next(4) switch { 0 => random.Next(0x20, 0x7F), 1 => random.Next(0x4E00, 0x9FFF), 2 => random.Next(0xE000, 0xFFFD), _ => random.Next(0x20000, 0x2A6DF) }));
            return sb.ToString();
        }
        for (var i = 0; i < 5000; i++)
        {
            var (x, y) = (Text(), Text());
            Math.Sign(CanonicalText.Compare(x, y)).ShouldBe(Math.Sign(Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y))), $"{x} vs {y}");
        }
    }

    [Fact]
    public void Tabs_line_breaks_and_lone_surrogates_are_refused_and_supplementary_characters_are_not()
    {
        Should.NotThrow(() => CanonicalText.Check("合肥𠮷祥检测站", "unit"));
        Should.Throw<ArgumentException>(() => CanonicalText.Check("合肥\t检测站", "unit"));
        Should.Throw<ArgumentException>(() => CanonicalText.Check("合肥\uD842检测站", "unit")).Message.ShouldContain("lone surrogate");
    }
}
