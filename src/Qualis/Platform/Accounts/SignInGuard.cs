using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Audit;

namespace Qualis.Platform.Accounts;

/// <summary>
/// Failed sign-ins of one typed user name from one client address (登录失败计数). The name is counted as typed
/// (normalised), whether or not such an account exists, so the row, its delay and the work done are the same for an
/// unknown name as for a real one. Kept in the database so every instance sees the same count.
/// </summary>
public sealed class SignInFailure : INotAudited
{
    public string UserName { get; set; } = "";
    public string Address { get; set; } = "";
    public int Failures { get; set; }
    public DateTime LastAt { get; set; }
    /// <summary>Until when this name may not be tried again from this address.</summary>
    public DateTime? WaitUntil { get; set; }
}

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> b)
    {
        b.ToTable("SignInFailures");
        b.HasKey(f => new { f.UserName, f.Address });
        b.Property(f => f.UserName).HasMaxLength(256);
        b.Property(f => f.Address).HasMaxLength(64);
        // Old counts are forgotten by one range delete on this index.
        b.HasIndex(f => f.LastAt);
    }
}

/// <param name="FreeFailures">Failures of one name from one address before that address must wait (Security:MaxFailedLogins).</param>
/// <param name="LongestWait">The longest wait the doubling delay reaches (Security:LockoutMinutes).</param>
public sealed record SignInGuardOptions(int FreeFailures, TimeSpan LongestWait)
{
    /// <summary>A count with no failure for this long starts again from zero (and its row is deleted).</summary>
    public static readonly TimeSpan Forget = TimeSpan.FromHours(24);
}

/// <summary>
/// Sign-in that strangers cannot use against users.
/// <para>
/// Lockout is per (user name, client address) with growing delays, not per account: after
/// <see cref="SignInGuardOptions.FreeFailures"/> failures of one name from one address, that address waits 1 minute
/// before it may try that name again, then 2, 4, 8 … up to <see cref="SignInGuardOptions.LongestWait"/>. Why: a lock on
/// the account itself lets anyone who knows a user name lock its owner out (the finding "accounts can be locked by
/// strangers"); a delay per address costs the guesser, not the owner, who signs in from another address untouched.
/// Spraying from one address is also held by the per-address limit on sign-in attempts (<c>Security:LoginAttemptsPerMinute</c>,
/// keyed by the real client address). What remains — many addresses guessing one account — gets
/// <c>FreeFailures</c> guesses per address before the delays, against passwords of at least 10 characters.
/// </para>
/// <para>
/// Unknown names, wrong passwords, disabled and locked accounts get the same answer after the same work: the name is
/// looked up, a password hash is verified (against a stand-in hash when there is no account or no password), and the
/// failure is counted.
/// </para>
/// </summary>
public sealed class SignInGuard(QualisDb db, UserManager<QualisUser> users, TimeProvider time, SignInGuardOptions options)
{
    private static string? _standInHash;

    public string Normalize(string userName)
    {
        var name = users.NormalizeName(userName.Trim()) ?? "";
        return name.Length <= 256 ? name : name[..256];
    }

    public static string AddressOf(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return address.Length <= 64 ? address : address[..64];
    }

    /// <summary>When this name may next be tried from this address, or null when it may be tried now.</summary>
    public async Task<DateTime?> WaitUntilAsync(string name, string address)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = await Row(name, address).AsNoTracking().Select(f => f.WaitUntil).SingleOrDefaultAsync();
        return until > now ? until : null;
    }

    /// <summary>
    /// The password checked against the account's hash, or against a stand-in hash of the same strength when there is no
    /// account or no password, so an unknown name costs what a wrong password does.
    /// </summary>
    public async Task<bool> PasswordMatchesAsync(QualisUser? user, string password)
    {
        if (user?.PasswordHash is null)
        {
            var standIn = new QualisUser();
            _standInHash ??= users.PasswordHasher.HashPassword(standIn, Guid.NewGuid().ToString("N"));
            users.PasswordHasher.VerifyHashedPassword(standIn, _standInHash, password);
            return false;
        }
        return await users.CheckPasswordAsync(user, password);
    }

    /// <summary>Counts a failure of this name from this address and sets the wait it has earned.</summary>
    public async Task FailedAsync(string name, string address)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var set = db.Set<SignInFailure>();
        var forgetBefore = now - SignInGuardOptions.Forget;
        await set.Where(f => f.LastAt < forgetBefore).ExecuteDeleteAsync();
        var counted = await Row(name, address)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, f => f.Failures + 1).SetProperty(f => f.LastAt, now));
        if (counted == 0)
        {
            set.Add(new SignInFailure { UserName = name, Address = address, Failures = 1, LastAt = now });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // Another attempt of the same name from the same address inserted the row first: count on it.
                db.ChangeTracker.Clear();
                await Row(name, address)
                    .ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, f => f.Failures + 1).SetProperty(f => f.LastAt, now));
            }
        }
        var failures = await Row(name, address).AsNoTracking().Select(f => f.Failures).SingleAsync();
        if (WaitAfter(failures, options) is { } wait)
        {
            var until = now + wait;
            await Row(name, address).ExecuteUpdateAsync(s => s.SetProperty(f => f.WaitUntil, until));
        }
    }

    /// <summary>A successful sign-in clears this address's count for the name (other addresses keep theirs).</summary>
    public Task SucceededAsync(string name, string address) => Row(name, address).ExecuteDeleteAsync();

    private IQueryable<SignInFailure> Row(string name, string address) =>
        db.Set<SignInFailure>().Where(f => f.UserName == name && f.Address == address);

    /// <summary>The wait after the given number of failures: none while free, then 1, 2, 4 … minutes up to the longest.</summary>
    public static TimeSpan? WaitAfter(int failures, SignInGuardOptions options)
    {
        if (failures < options.FreeFailures) return null;
        var doublings = Math.Min(failures - options.FreeFailures, 20);
        var wait = TimeSpan.FromMinutes(1 << doublings);
        return wait < options.LongestWait ? wait : options.LongestWait;
    }
}
