using Qualis.Features.Supervision.Items;

namespace Qualis.Tests.Features.Supervision.Items;

/// <summary>The scope a batch takes from its items, and when a scope nothing narrows needs the official's confirmation.</summary>
public sealed class ItemScopeTests
{
    private static InspectionItem Item(string? category, string? industries) =>
        new() { Code = "T-" + Guid.NewGuid().ToString("N")[..4], ProductCategoryCode = category, TargetIndustries = industries };

    [Fact]
    public void One_item_gives_its_product_category_and_its_target_industries()
    {
        var scope = ItemScope.Of([Item("DX01", "C")]);
        scope.ProductCategories.ShouldBe(["DX01"]);
        scope.Industries.ShouldBe(["C"]);
        scope.IsOpen.ShouldBeFalse();
    }

    [Fact]
    public void Several_items_narrow_a_dimension_only_when_each_narrows_it_and_then_to_what_any_names()
    {
        var both = ItemScope.Of([Item("DX01", "C"), Item("JD03", "C,F")]);
        both.ProductCategories.ShouldBe(["DX01", "JD03"]);
        both.Industries.ShouldBe(["C", "F"]);
        // An item of no product category (a written check of declared standards) leaves the products open.
        var mixed = ItemScope.Of([Item("DX01", "C"), Item(null, " 38 , C ")]);
        mixed.ProductCategories.ShouldBeEmpty();
        mixed.Industries.ShouldBe(["38", "C"]);
        ItemScope.Of([Item(null, null)]).IsOpen.ShouldBeTrue();
        ItemScope.Of([]).IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void The_batchs_own_choice_stands_else_the_items_and_an_open_scope_only_when_confirmed()
    {
        var items = new ItemScope(["DX01"], ["C"]);
        var own = BatchScopeRule.Decide(items, ["DX02"], [], wholeScopeConfirmed: false);
        own.ProductCategories.ShouldBe(["DX02"]);
        own.Industries.ShouldBeEmpty();
        own.NeedsConfirmation.ShouldBeFalse();
        own.IsItemsScope(items).ShouldBeFalse();

        var fromItems = BatchScopeRule.Decide(items, [], [], wholeScopeConfirmed: false);
        fromItems.ProductCategories.ShouldBe(["DX01"]);
        fromItems.Industries.ShouldBe(["C"]);
        fromItems.NeedsConfirmation.ShouldBeFalse();
        fromItems.IsItemsScope(items).ShouldBeTrue();

        var confirmed = BatchScopeRule.Decide(items, [], [], wholeScopeConfirmed: true);
        (confirmed.ProductCategories.Count, confirmed.Industries.Count, confirmed.WholeScopeConfirmed, confirmed.NeedsConfirmation).ShouldBe((0, 0, true, false));

        BatchScopeRule.Decide(ItemScope.Open, [], [], wholeScopeConfirmed: false).NeedsConfirmation.ShouldBeTrue();
        BatchScopeRule.Decide(ItemScope.Open, [], [], wholeScopeConfirmed: true).NeedsConfirmation.ShouldBeFalse();
        // A confirmation beside a scope of its own is no confirmation of an open scope.
        BatchScopeRule.Decide(ItemScope.Open, [], ["C"], wholeScopeConfirmed: true).WholeScopeConfirmed.ShouldBeFalse();
    }

    [Fact]
    public void A_change_from_the_items_scope_says_what_was_added_and_what_dropped()
    {
        var change = ScopeDifference.Between(["C"], ["38", "39"]);
        change.Added.ShouldBe(["38", "39"]);
        change.Removed.ShouldBe(["C"]);
        // Opening a narrowed dimension drops all it named; the same list is no change.
        ScopeDifference.Between(["DX01"], []).Removed.ShouldBe(["DX01"]);
        ScopeDifference.Between(["DX01", "JD03"], ["JD03", "DX01"]).IsNone.ShouldBeTrue();
    }
}
