using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Qualis.Features.Public;

/// <summary>The public side (一公开): no sign-in. Each module adds its published section.</summary>
public sealed class IndexModel : PageModel
{
    public string[] Sections { get; } = ["public.results", "public.lists", "public.recalls", "public.complaints"];

    /// <summary>The sections already open to the public, with their pages.</summary>
    public IReadOnlyDictionary<string, string> Links { get; } = new Dictionary<string, string> { ["public.results"] = "/Public/Results" };

    public void OnGet() { }
}
