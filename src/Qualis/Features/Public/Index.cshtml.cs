namespace Qualis.Features.Public;

/// <summary>The public side (一公开): no sign-in. Each module adds its published section.</summary>
public sealed class IndexModel : PageModel
{
    /// <summary>Each published section with its page, or null while the module that fills it is not built yet.</summary>
    public (string Key, string? Url)[] Sections { get; } =
    [
        ("public.draws", "/Public/Draws"), ("public.results", "/Public/Results"), ("public.lists", null), ("public.recalls", null), ("public.complaints", null),
    ];

    public void OnGet() { }
}
