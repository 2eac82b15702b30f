using Microsoft.Extensions.DependencyInjection;
using Qualis.Platform.Jobs;

namespace Qualis.Tests.Platform.Jobs;

/// <summary>The lease of a scheduled job: of several instances trying at once exactly one runs it; an expired lease passes on.</summary>
public abstract class JobLeaseTests(QualisApp app)
{
    private async Task<bool> TakeAsync(string name, string holder, TimeSpan duration, DateTime now)
    {
        // Each taker has its own scope and connection, as separate instances would.
        using var scope = app.Services.CreateScope();
        return await JobLeases.TryTakeAsync(scope.ServiceProvider.GetRequiredService<QualisDb>(), name, holder, duration, now);
    }

    [Fact]
    public async Task Of_takers_at_the_same_moment_exactly_one_wins_a_new_lease_and_an_existing_one()
    {
        var now = DateTime.UtcNow;
        foreach (var round in new[] { "first", "renewal" })
        {
            var name = "test-" + Guid.NewGuid().ToString("N")[..8];
            if (round == "renewal") (await TakeAsync(name, "earlier", TimeSpan.FromMinutes(-1), now.AddMinutes(-5))).ShouldBeTrue();
            var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => TakeAsync(name, $"instance-{i}", TimeSpan.FromMinutes(5), now))));
            results.Count(r => r).ShouldBe(1, round);
            var lease = await app.WithDb(db => db.Set<JobLease>().SingleAsync(l => l.Name == name));
            lease.Holder.ShouldBe($"instance-{Array.IndexOf(results, true)}");
        }
    }

    [Fact]
    public async Task A_held_lease_is_refused_to_others_kept_by_its_holder_and_passed_on_once_expired()
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..8];
        var now = DateTime.UtcNow;
        (await TakeAsync(name, "a", TimeSpan.FromMinutes(5), now)).ShouldBeTrue();
        (await TakeAsync(name, "b", TimeSpan.FromMinutes(5), now.AddMinutes(4))).ShouldBeFalse();
        (await TakeAsync(name, "a", TimeSpan.FromMinutes(5), now.AddMinutes(4))).ShouldBeTrue();
        (await TakeAsync(name, "b", TimeSpan.FromMinutes(5), now.AddMinutes(8))).ShouldBeFalse();
        (await TakeAsync(name, "b", TimeSpan.FromMinutes(5), now.AddMinutes(9).AddSeconds(1))).ShouldBeTrue();

        using var scope = app.Services.CreateScope();
        await JobLeases.ReleaseAsync(scope.ServiceProvider.GetRequiredService<QualisDb>(), name, "b", now.AddMinutes(10));
        (await TakeAsync(name, "a", TimeSpan.FromMinutes(5), now.AddMinutes(10))).ShouldBeTrue();
    }
}

public sealed class JobLeaseOnSqlite(SqliteApp app) : JobLeaseTests(app), IClassFixture<SqliteApp>;
public sealed class JobLeaseOnPostgres(PostgresApp app) : JobLeaseTests(app), IClassFixture<PostgresApp>;
