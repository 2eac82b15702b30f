using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Qualis.Platform.Modules;

namespace Qualis.Features.Shared;

/// <summary>One step of a page's trail (面包屑): its text (a name, never an id) and, but for the page itself, its link.</summary>
[ModuleFace]
public sealed record Crumb(string Text, string? Href = null);

/// <summary>
/// Where a detail or form page sits: the layout shows the trail above the page with a back link to its parent, and a
/// print button when the page is meant to be printed (the print stylesheet leaves only the document). A page sets it
/// in its view: <c>ViewData.Trail(new Crumb(L["nav.enterprises"], "/Registry/Enterprises"), new Crumb(e.Name))</c>.
/// </summary>
[ModuleFace]
public sealed record PageTrail(IReadOnlyList<Crumb> Crumbs, bool Printable)
{
    public const string Key = "PageTrail";

    /// <summary>The nearest step above the page that links somewhere: where "back" goes.</summary>
    public Crumb? Parent => Crumbs.Take(Crumbs.Count - 1).LastOrDefault(c => c.Href is not null);
}

[ModuleFace]
public static class Breadcrumbs
{
    public static void Trail(this ViewDataDictionary view, params Crumb[] crumbs) => view[PageTrail.Key] = new PageTrail(crumbs, Printable: false);

    /// <summary>The trail of a page that is printed as a document (a spot check, a draw, a published result): it gets a print button.</summary>
    public static void PrintableTrail(this ViewDataDictionary view, params Crumb[] crumbs) => view[PageTrail.Key] = new PageTrail(crumbs, Printable: true);
}
