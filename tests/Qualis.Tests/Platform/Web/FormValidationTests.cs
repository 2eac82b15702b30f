using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qualis.Platform.Localization;
using Qualis.Platform.Web;

namespace Qualis.Tests.Platform.Web;

/// <summary>The shared rules of every form: what text is refused, which text each message comes from, and that every field a form posts has a name in the texts.</summary>
public sealed class FormValidationTests
{
    [Theory]
    [InlineData("合格\u0001产品")]      // a control character
    [InlineData("invoice\u202Etxt.exe")] // right-to-left override: reads as "invoiceexe.txt"
    [InlineData("\u2066名称\u2069")]     // bidirectional isolates
    [InlineData("a\u0000b")]
    [InlineData("\u200F")]
    public void Control_characters_and_direction_overrides_are_refused(string text) =>
        TextRule.HasControlCharacters(text).ShouldBeTrue();

    [Theory]
    [InlineData("合肥市市场监督管理局")]
    [InlineData("第一行\r\n第二行\t制表")]
    [InlineData("GB/T 5023.3-2008 第 5.2.3 条")]
    [InlineData("")]
    public void Ordinary_text_with_line_breaks_and_tabs_passes(string text) =>
        TextRule.HasControlCharacters(text).ShouldBeFalse();

    [Fact]
    public void A_posted_value_quoted_in_a_message_is_short_and_clean()
    {
        TextRule.Shorten("abc").ShouldBe("abc");
        TextRule.Shorten("合格\u0001产品\u202E").ShouldBe("合格产品");
        var shortened = TextRule.Shorten(new string('长', 10_000));
        shortened.Length.ShouldBe(25);
        shortened.ShouldEndWith("…");
    }

    [Fact]
    public void Each_annotation_speaks_with_its_own_text()
    {
        FormValidation.MessageKey(new RequiredAttribute()).ShouldBe("validation.required");
        FormValidation.MessageKey(new StringLengthAttribute(64)).ShouldBe("validation.max_length");
        FormValidation.MessageKey(new StringLengthAttribute(64) { MinimumLength = 3 }).ShouldBe("validation.length_range");
        FormValidation.MessageKey(new MaxLengthAttribute(10)).ShouldBe("validation.max_length");
        FormValidation.MessageKey(new RangeAttribute(1, 10)).ShouldBe("validation.range");
        FormValidation.MessageKey(new EmailAddressAttribute()).ShouldBe("validation.invalid");
    }

    [Theory]
    [InlineData("validation.required", "请填写名称。", "名称 is required.")]
    [InlineData("validation.max_length", "名称不能超过 100 个字符。", "名称 must be at most 100 characters.")]
    [InlineData("validation.range", "名称应在 100 到 2 之间。", "名称 must be between 100 and 2.")]
    [InlineData("validation.control_characters", "名称含有不可见的控制字符，请删除后再保存。", "名称 contains invisible control characters; remove them and save again.")]
    public void Validation_messages_come_from_the_texts_in_both_languages(string key, string zh, string en)
    {
        var texts = Texts.LoadEmbedded();
        string Format(CultureInfo c) => string.Format(CultureInfo.InvariantCulture, texts.Find(key, c)!, "名称", 100, 2);
        Format(new CultureInfo("zh-CN")).ShouldBe(zh);
        Format(new CultureInfo("en")).ShouldBe(en);
    }

    [Fact]
    public void Every_message_the_framework_can_give_has_a_text_in_both_languages()
    {
        var texts = Texts.LoadEmbedded();
        foreach (var key in new[] { "validation.required", "validation.invalid_value", "validation.invalid", "validation.number", "validation.range",
                     "validation.max_length", "validation.length_range", "validation.this_field", "validation.control_characters" })
        {
            texts.Find(key, new CultureInfo("zh-CN")).ShouldNotBeNull(key);
            texts.Find(key, new CultureInfo("en")).ShouldNotBeNull(key);
        }
    }

    /// <summary>
    /// A message names its field by the field's [Display(Name = key)]: a field without one would be named by its property
    /// name ("请填写TeamSize。"). Every field a page's form posts — its bound properties and the fields of its form classes —
    /// has a name that is a text in both languages.
    /// </summary>
    [Fact]
    public void Every_field_a_form_posts_has_a_name_from_the_texts()
    {
        var texts = Texts.LoadEmbedded();
        var missing = new List<string>();
        var pages = typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        pages.Count.ShouldBeGreaterThan(20);
        var fields = 0;
        foreach (var page in pages)
            foreach (var p in page.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                if (p.GetCustomAttribute<BindPropertyAttribute>() is { SupportsGet: false })
                    Check(page.Name, p, 0);
        fields.ShouldBeGreaterThan(50);
        missing.ShouldBeEmpty();

        void Check(string owner, PropertyInfo p, int depth)
        {
            var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            if (type == typeof(IFormFile) || typeof(IEnumerable<IFormFile>).IsAssignableFrom(type)) return;
            // Fields named by their key (the enterprise form's columns) take their labels from the import's columns.
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string)) return;
            var element = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;
            var complex = element ?? type;
            if (complex.IsClass && complex != typeof(string) && depth < 3 && !complex.IsGenericType)
            {
                foreach (var inner in complex.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(x => x.CanWrite))
                    Check(owner + "." + p.Name, inner, depth + 1);
                if (element is null) return;
            }
            fields++;
            var key = p.GetCustomAttribute<DisplayAttribute>()?.Name;
            if (key is null) missing.Add($"{owner}.{p.Name} has no [Display(Name = key)]");
            else if (texts.Find(key, new CultureInfo("zh-CN")) is null || texts.Find(key, new CultureInfo("en")) is null) missing.Add($"{owner}.{p.Name}: '{key}' is not a text");
        }
    }
}
