using Qualis.Features.Registry;

namespace Qualis.Features.Supervision.Items;

/// <summary>
/// The scope (抽查范围) inspection items give a batch by default: the product categories (产品类别) they sample and the
/// industries their target type (检查对象) names. An item that names none on a dimension leaves that dimension open,
/// so several items narrow a dimension only when each of them narrows it, and then to what any of them names.
/// </summary>
public sealed record ItemScope(IReadOnlyList<string> ProductCategories, IReadOnlyList<string> Industries)
{
    public static readonly ItemScope Open = new([], []);

    /// <summary>Nothing narrows it: every industry and every product category (全行业、全品类).</summary>
    public bool IsOpen => ProductCategories.Count == 0 && Industries.Count == 0;

    public static ItemScope Of(IReadOnlyCollection<InspectionItem> items)
    {
        if (items.Count == 0) return Open;
        var categories = items.Any(i => string.IsNullOrWhiteSpace(i.ProductCategoryCode))
            ? [] : items.Select(i => i.ProductCategoryCode!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var industries = items.Any(i => i.TargetIndustryCodes.Count == 0)
            ? [] : items.SelectMany(i => i.TargetIndustryCodes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new(categories, industries);
    }
}

/// <summary>What a batch's scope changes from its items' scope on one dimension: what it adds and what it drops.</summary>
public sealed record ScopeDifference(IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    public bool IsNone => Added.Count == 0 && Removed.Count == 0;

    /// <summary>The difference of <paramref name="chosen"/> from <paramref name="given"/>; an empty list means "any", so opening a narrowed dimension removes all it named.</summary>
    public static ScopeDifference Between(IReadOnlyList<string> given, IReadOnlyList<string> chosen) =>
        new(chosen.Except(given, StringComparer.Ordinal).ToList(), given.Except(chosen, StringComparer.Ordinal).ToList());
}

/// <summary>
/// How a batch's scope is settled when it is saved (抽查范围的确定): the official's own choice of product categories or
/// industries stands; with none, the items' scope applies; a scope nothing narrows (every industry, every product
/// category) stands only with the official's explicit confirmation, since it draws clothing and livestock firms for a cable item.
/// </summary>
public static class BatchScopeRule
{
    public sealed record Outcome(List<string> ProductCategories, List<string> Industries, bool WholeScopeConfirmed, bool NeedsConfirmation)
    {
        /// <summary>Whether the scope is the items' own (nothing chosen, or chosen exactly as the items give it).</summary>
        public bool IsItemsScope(ItemScope items) =>
            ScopeDifference.Between(items.ProductCategories, ProductCategories).IsNone && ScopeDifference.Between(items.Industries, Industries).IsNone;
    }

    public static Outcome Decide(ItemScope items, IReadOnlyList<string> categories, IReadOnlyList<string> industries, bool wholeScopeConfirmed)
    {
        if (categories.Count > 0 || industries.Count > 0) return new([.. categories], [.. industries], false, false);
        if (wholeScopeConfirmed) return new([], [], true, false);
        if (!items.IsOpen) return new([.. items.ProductCategories], [.. items.Industries], false, false);
        return new([], [], false, true);
    }
}

/// <summary>An industry of a scope as officials read it: its code and its name in the reader's language ("C 制造业", "C Manufacturing").</summary>
public static class ScopeLabels
{
    public static string Industry(IReadOnlyList<IndustryHeading> industries, string code) =>
        industries.FirstOrDefault(i => i.Code == code) is { } i
            ? $"{i.Code} {(Texts.IsEnglish(CultureInfo.CurrentUICulture) && i.NameEn is { Length: > 0 } en ? en : i.Name)}"
            : code;
}
