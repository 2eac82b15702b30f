using Microsoft.Extensions.Caching.Memory;
using Qualis.Features.Shared;

namespace Qualis.Features.Registry.Enterprises;

/// <summary>
/// Pages of a common name fragment (a city's name, 科技: thousands of names), kept for <c>Registry:CommonNameSeconds</c>
/// (default 60; 0 keeps none) per area, filters, sort and page. Such a page costs 100–400 ms of database time at a million
/// enterprises (all its matches are sorted), and the same few fragments are what most people type; within the minute
/// one more firm among thousands of matches may be missing from them. Rare fragments, whose pages cost milliseconds and
/// where a new firm is looked for by its own name, are never kept. Each instance keeps its own: nothing here is state
/// another instance needs.
/// </summary>
public sealed class CommonNamePages(IConfiguration config)
{
    public sealed record Key(string Area, EnterpriseFilter Filter, ListRequest Request, bool English);

    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(Math.Max(0, config.GetValue("Registry:CommonNameSeconds", 60)));
    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    public bool TryGet(Key key, out ListPage<EnterpriseRow>? page) => _pages.TryGetValue(key, out page);

    public void Keep(Key key, ListPage<EnterpriseRow> page)
    {
        if (_lifetime > TimeSpan.Zero) _pages.Set(key, page, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _lifetime });
    }
}
