using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Plans;
using Qualis.Platform.Accounts;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Platform.Web;

/// <summary>What the page-walking tests (the form and concurrency matrices) share: pages' forms, their URLs with fresh records, and drawable batches.</summary>
public static partial class PageForms
{
    /// <summary>Whether the form posts to this page's handler: its action (or the page itself) names it.</summary>
    public static bool Posts(IElement form, string path, string handler)
    {
        var action = form.GetAttribute("action");
        if (string.IsNullOrEmpty(action)) return handler.Length == 0;
        var (actionPath, query) = action.Split('?') is var p && p.Length > 1 ? (p[0], p[1]) : (p[0], "");
        if (!string.Equals(actionPath.TrimEnd('/'), path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)) return false;
        var named = HandlerName().Match(query).Groups[1].Value;
        return string.Equals(named, handler, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The first post form of the document that posts to the handler of the page at <paramref name="path"/>.</summary>
    public static IElement? FormFor(IParentNode document, string path, string handler) =>
        document.QuerySelectorAll("form").FirstOrDefault(f => (f.GetAttribute("method") ?? "").Equals("post", StringComparison.OrdinalIgnoreCase) && Posts(f, path, handler));

    /// <summary>The region an account of the role is made in, beside the city the tests work in.</summary>
    public static string RegionFor(string role, string city) => Roles.RequiredLevel(role) switch
    {
        Qualis.Platform.Regions.RegionLevel.Province => "340000",
        Qualis.Platform.Regions.RegionLevel.County => "340102",
        _ => city,
    };

    /// <summary>The page's URL: a fresh record of the page's kind in the city for record pages (from the modules' sample makers; a committed draw for the draw's page).</summary>
    public static async Task<string> UrlAsync(QualisApp app, MappedRoute route, string city, string marker)
    {
        if (!route.HasParameters) return "/" + route.Pattern.Replace("/Index", "").TrimStart('/');
        if (route.RecordType == typeof(Draw)) return "/Supervision/Draws/" + await CommittedDrawAsync(app, city);
        if (route.RecordType is null || !RecordSamples.Makers.TryGetValue(route.RecordType, out var maker))
            return route.UrlWithDummyValues();
        var sample = await maker(app, city, marker);
        var optional = OptionalParameter().Replace(route.Pattern, "");
        return sample.RouteValues.Count == 0 ? "/" + optional.TrimStart('/') : route.Url(sample.RouteValues);
    }

    /// <summary>A batch of the city with rules a draw can be committed from.</summary>
    public static async Task<Guid> DrawableBatchAsync(QualisApp app, string city, decimal ratioPercent = 1)
    {
        var batchId = Guid.Parse((await RecordSamples.Makers[typeof(PlanBatch)](app, city, $"抽取批次{Guid.NewGuid():N}"[..12])).RouteValues["id"]);
        await app.WithDb(async db =>
        {
            var batch = await db.Set<PlanBatch>().SingleAsync(b => b.Id == batchId);
            batch.Settings = new BatchSettings { ItemCodes = ["CJ-05"], RatioPercent = ratioPercent, TeamSize = 2 };
            await db.SaveChangesAsync();
        });
        return batchId;
    }

    /// <summary>A draw as officials make one: committed by the draw service from a batch of the city, so it can be run (its archive exists).</summary>
    public static async Task<Guid> CommittedDrawAsync(QualisApp app, string city)
    {
        var batchId = await DrawableBatchAsync(app, city);
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Qualis.Platform.Access.Actor>().Set("test", "test", "test", null, null);
        return (await scope.ServiceProvider.GetRequiredService<DrawService>().CommitAsync(batchId)).Id;
    }

    [GeneratedRegex(@"(?:^|&)handler=([^&]*)")]
    private static partial Regex HandlerName();

    [GeneratedRegex(@"/?\{[^}]*\?\}")]
    private static partial Regex OptionalParameter();
}
