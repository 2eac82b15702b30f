using Qualis.Platform.Modules;

namespace Qualis.Features.Public;

/// <summary>
/// The public side (一公开): no sign-in. Its cards are the modules' entries of the public menu
/// (<see cref="NavEntry.PublicSide"/>), so a card shows only for a module that exists.
/// </summary>
public sealed class IndexModel(Navigation navigation) : PageModel
{
    public IReadOnlyList<NavEntry> Sections { get; private set; } = [];

    public async Task OnGetAsync() => Sections = await navigation.VisibleAsync(User, NavEntry.PublicSide);
}
