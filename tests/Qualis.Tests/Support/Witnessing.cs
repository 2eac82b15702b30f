using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Supervision.Draws;
using Qualis.Platform.Access;

namespace Qualis.Tests.Support;

/// <summary>
/// The witnesses' step of a draw (见证人) for tests that commit through the batch page: the commit form's witness fields
/// (the demo notary, with a deadline a day ahead in China time) and the witnesses' values given in their own accounts.
/// </summary>
public static class Witnessing
{
    /// <summary>The demo witness account (a notary of the province: its area holds every batch).</summary>
    public const string Notary = "witness";

    /// <summary>The commit form's fields naming the demo notary, with the deadline a day ahead.</summary>
    public static Dictionary<string, string> CommitFields(DateTime? deadlineUtc = null) => new()
    {
        ["Commit.Accounts[0]"] = Notary, ["Commit.Roles[0]"] = nameof(WitnessRole.Notary),
        ["Commit.Accounts[1]"] = "", ["Commit.Roles[1]"] = nameof(WitnessRole.Association),
        ["Commit.Accounts[2]"] = "", ["Commit.Roles[2]"] = nameof(WitnessRole.Supervisor),
        ["Commit.Deadline"] = ChinaTime(deadlineUtc ?? DateTime.UtcNow.AddDays(1)),
    };

    /// <summary>A UTC moment as the commit form takes it: China time, yyyy-MM-dd HH:mm.</summary>
    public static string ChinaTime(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A panel naming the demo notary, for commits through the service.</summary>
    public static WitnessPanel Panel(DateTime? deadlineUtc = null) =>
        new([new WitnessNomination(Notary, WitnessRole.Notary)], deadlineUtc ?? DateTime.UtcNow.AddDays(1));

    /// <summary>Each witness of the draw gives a value, as themselves, the way the witness page does.</summary>
    public static async Task GiveAllAsync(IServiceProvider services, Guid drawId)
    {
        List<DrawWitness> witnesses;
        using (var scope = services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<Actor>().Set("test", "test", "test", null, null);
            witnesses = await scope.ServiceProvider.GetRequiredService<DrawService>().WitnessesAsync(drawId);
        }
        foreach (var w in witnesses.Where(w => w.Value is null))
            await AsAsync(services, w.UserName, draws => draws.GiveAsync(w.Id, "测试值 " + Guid.NewGuid().ToString("N")[..8]));
    }

    /// <summary>Runs work with the draw service of a fresh scope as the named account (its own area).</summary>
    public static async Task<T> AsAsync<T>(IServiceProvider services, string userName, Func<DrawService, Task<T>> work)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualisDb>();
        var user = await db.Users.OutsideArea(AreaReason.SignIn).AsNoTracking().SingleAsync(u => u.UserName == userName);
        scope.ServiceProvider.GetRequiredService<Actor>().Set(user.Id, user.UserName, "test", "127.0.0.1", user.RegionPath);
        return await work(scope.ServiceProvider.GetRequiredService<DrawService>());
    }
}
